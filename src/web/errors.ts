/** Typed errors that services throw; one handler (web/error-handler.ts) turns them into pages or problem+json. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  constructor(message = 'The page or record you asked for does not exist, or you cannot see it.') {
    super(404, 'Page not found', message);
  }
}

export class Unauthenticated extends DomainError {
  constructor(message = 'Sign in to continue.') {
    super(401, 'Sign in required', message);
  }
}

export class Forbidden extends DomainError {
  constructor(
    message = 'You do not have permission to do this. Ask your Heard administrator if you need it.',
  ) {
    super(403, 'You cannot do this', message);
  }
}

export class Conflict extends DomainError {
  constructor(message: string) {
    super(409, 'There is a conflict', message);
  }
}

export class Invalid extends DomainError {
  constructor(message: string, fieldErrors: Record<string, string> = {}) {
    super(422, 'There is a problem', message, fieldErrors);
  }
}
