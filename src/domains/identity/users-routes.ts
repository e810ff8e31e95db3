import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { checkedValues, type FieldErrors, fieldErrorsOf, formBody, formErrors } from '#src/web/forms.ts';
import { actorOf, type Principal, principalOf } from '#src/web/principal.ts';
import { roleChoiceProblems } from './rules.ts';
import { type Role, roles } from './schema.ts';
import {
  changeRoles,
  disableUser,
  enableUser,
  listUsers,
  newUserProblems,
  registerUser,
  setPassword,
  unitsToChoose,
  unlockUser,
  userSummary,
} from './service.ts';
import {
  currentUnitOf,
  passwordHint,
  type RoleFormValues,
  roleFields,
  userPage,
  usersListPage,
} from './views/users-model.ts';

const manageUsers = { access: { permission: 'users:manage' as const } };

const roleChoice = {
  roles: z.preprocess(checkedValues, z.array(z.enum(roles, { message: 'Select roles from the list' }))),
  unitId: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.uuid({ message: 'Select a unit from the list' }).optional(),
  ),
};

const addUserForm = z.object({
  email: z
    .string({ message: 'Enter an email address' })
    .trim()
    .min(1, 'Enter an email address')
    .email('Enter an email address in the correct format, like name@example.nhs.uk'),
  displayName: z
    .string({ message: 'Enter their full name' })
    .trim()
    .min(1, 'Enter their full name')
    .max(200, 'Full name must be 200 characters or fewer'),
  ...roleChoice,
  password: z.preprocess((value) => (value === '' ? undefined : value), z.string().optional()),
});
const addUserFields = ['email', 'displayName', 'roles', 'unitId', 'password'];

const rolesForm = z.object(roleChoice);
const rolesFields = ['roles', 'unitId'];

const passwordForm = z.object({
  password: z.string({ message: 'Enter a password' }).min(1, 'Enter a password'),
});

const userParams = z.object({ userId: z.uuid() });

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

function userIdOf(request: FastifyRequest): string {
  const parsed = userParams.safeParse(request.params);
  if (!parsed.success) throw new NotFound();
  return parsed.data.userId;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Answers as the form had them, so that a page with errors shows what was typed (never a password). */
function keptAnswers(
  body: Record<string, unknown>,
): RoleFormValues & { email: string; displayName: string; unitId: string | undefined } {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    email: text(body.email),
    displayName: text(body.displayName),
    roles: checkedValues(body.roles).map(String),
    unitId: text(body.unitId) || undefined,
  };
}

/** Runs a service call from a form; its Invalid field errors come back to be shown on the form. */
async function fieldErrorsFrom(work: () => Promise<unknown>): Promise<FieldErrors | null> {
  try {
    await work();
    return null;
  } catch (error) {
    if (error instanceof Invalid && Object.keys(error.fieldErrors).length > 0) return error.fieldErrors;
    throw error;
  }
}

/** Administration of the organisation's staff accounts: add, roles, disable and enable, unlock, passwords. */
export function userAdministrationRoutes({ db }: DomainDependencies) {
  return async (app: FastifyInstance) => {
    const units = (orgId: string) => unitsToChoose(db, orgId, today());

    app.get('/admin/users', { config: manageUsers }, async (request, reply) => {
      const { orgId } = principalOf(request);
      const [users, openUnits] = await Promise.all([listUsers(db, orgId), units(orgId)]);
      return reply.render('identity/views/users.njk', usersListPage(users, openUnits, new Date()));
    });

    const renderAddUser = async (
      reply: FastifyReply,
      orgId: string,
      values: RoleFormValues & Record<string, unknown>,
      extra: Record<string, unknown> = {},
      status = 200,
    ) =>
      reply.render(
        'identity/views/user-add.njk',
        { values, ...roleFields(values, await units(orgId)), passwordHint, ...extra },
        status,
      );

    app.get('/admin/users/new', { config: manageUsers }, async (request, reply) =>
      renderAddUser(reply, principalOf(request).orgId, { roles: [] }),
    );

    app.post('/admin/users/new', { config: manageUsers }, async (request, reply) => {
      const principal = principalOf(request);
      const body = formBody(request.body);
      const values = keptAnswers(body);
      const parsed = addUserForm.safeParse(body);
      // The rules are checked on the answers as given, so that their problems show with the rest at once.
      let errors: FieldErrors | null = {
        ...newUserProblems({
          email: values.email.trim(),
          displayName: values.displayName.trim(),
          roles: values.roles.filter(isRole),
          unitId: values.unitId ?? null,
          password: typeof body.password === 'string' && body.password ? body.password : undefined,
        }),
        ...(parsed.success ? {} : fieldErrorsOf(parsed.error)),
      };
      if (parsed.success && Object.keys(errors).length === 0) {
        const details = { ...parsed.data, unitId: parsed.data.unitId ?? null };
        errors = await fieldErrorsFrom(() =>
          registerUser(db, principal.orgId, actorOf(principal, request.id), details),
        );
      }
      if (errors) {
        return renderAddUser(
          reply,
          principal.orgId,
          values,
          { ...formErrors(errors, addUserFields), values },
          422,
        );
      }
      setSuccessMessage(request, `${values.displayName.trim()} has been added`);
      return reply.redirect('/admin/users', 303);
    });

    app.get('/admin/users/:userId', { config: manageUsers }, async (request, reply) => {
      const principal = principalOf(request);
      const user = await userSummary(db, principal.orgId, userIdOf(request));
      return reply.render(
        'identity/views/user.njk',
        userPage(user, await units(principal.orgId), new Date(), principal.id),
      );
    });

    const renderRoles = async (
      reply: FastifyReply,
      principal: Principal,
      userId: string,
      values: RoleFormValues | null,
      extra: Record<string, unknown> = {},
      status = 200,
    ) => {
      const user = await userSummary(db, principal.orgId, userId);
      const chosen = values ?? {
        roles: user.grants.map((grant) => grant.role),
        unitId: currentUnitOf(user.grants),
      };
      return reply.render(
        'identity/views/user-roles.njk',
        {
          user,
          values: chosen,
          ...roleFields(chosen, await units(principal.orgId)),
          backLinkHref: `/admin/users/${userId}`,
          ...extra,
        },
        status,
      );
    };

    app.get('/admin/users/:userId/roles', { config: manageUsers }, async (request, reply) =>
      renderRoles(reply, principalOf(request), userIdOf(request), null),
    );

    app.post('/admin/users/:userId/roles', { config: manageUsers }, async (request, reply) => {
      const principal = principalOf(request);
      const userId = userIdOf(request);
      const body = formBody(request.body);
      const values = keptAnswers(body);
      const parsed = rolesForm.safeParse(body);
      let errors: FieldErrors | null = {
        ...roleChoiceProblems(values.roles.filter(isRole), values.unitId ?? null),
        ...(parsed.success ? {} : fieldErrorsOf(parsed.error)),
      };
      if (parsed.success && Object.keys(errors).length === 0) {
        const choice = { roles: parsed.data.roles, unitId: parsed.data.unitId ?? null };
        errors = await fieldErrorsFrom(() =>
          changeRoles(db, principal.orgId, actorOf(principal, request.id), userId, choice),
        );
      }
      if (errors) {
        return renderRoles(
          reply,
          principal,
          userId,
          values,
          { ...formErrors(errors, rolesFields), values },
          422,
        );
      }
      setSuccessMessage(request, 'Roles changed');
      return reply.redirect(`/admin/users/${userId}`, 303);
    });

    const renderPassword = async (
      reply: FastifyReply,
      principal: Principal,
      userId: string,
      extra: Record<string, unknown> = {},
      status = 200,
    ) =>
      reply.render(
        'identity/views/user-password.njk',
        {
          user: await userSummary(db, principal.orgId, userId),
          passwordHint,
          backLinkHref: `/admin/users/${userId}`,
          values: {},
          ...extra,
        },
        status,
      );

    app.get('/admin/users/:userId/password', { config: manageUsers }, async (request, reply) =>
      renderPassword(reply, principalOf(request), userIdOf(request)),
    );

    app.post('/admin/users/:userId/password', { config: manageUsers }, async (request, reply) => {
      const principal = principalOf(request);
      const userId = userIdOf(request);
      const parsed = passwordForm.safeParse(formBody(request.body));
      const errors = parsed.success
        ? await fieldErrorsFrom(() =>
            setPassword(db, principal.orgId, actorOf(principal, request.id), userId, parsed.data.password),
          )
        : fieldErrorsOf(parsed.error);
      if (errors) {
        return renderPassword(
          reply,
          principal,
          userId,
          { ...formErrors(errors, ['password']), values: {} },
          422,
        );
      }
      setSuccessMessage(request, 'New password set. Give it to them in a way nobody else can see.');
      return reply.redirect(`/admin/users/${userId}`, 303);
    });

    const accountActions = [
      { path: 'disable', change: disableUser, done: 'Account disabled. They can no longer sign in.' },
      { path: 'enable', change: enableUser, done: 'Account enabled. They can sign in again.' },
      { path: 'unlock', change: unlockUser, done: 'Account unlocked. They can try to sign in again.' },
    ];
    for (const action of accountActions) {
      app.post(`/admin/users/:userId/${action.path}`, { config: manageUsers }, async (request, reply) => {
        const principal = principalOf(request);
        const userId = userIdOf(request);
        await action.change(db, principal.orgId, actorOf(principal, request.id), userId);
        setSuccessMessage(request, action.done);
        return reply.redirect(`/admin/users/${userId}`, 303);
      });
    }
  };
}
