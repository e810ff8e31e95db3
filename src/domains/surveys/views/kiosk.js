// Kiosk mode for a ward tablet: progressive enhancement of the survey form, which works without it.
// Each response is put in a queue in this browser's storage with its own submission id, then sent;
// whatever cannot be sent now (the network is down) is sent when the network returns. The server
// stores a submission id once, so a response sent twice is stored once and none is lost.
// After each response, and after a spell with nobody using it, the form is cleared for the next person.

const queueKey = 'heard.kiosk.queue';
const form = document.querySelector('form[data-kiosk]');

function newSubmissionId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function readQueue() {
  try {
    return JSON.parse(localStorage.getItem(queueKey) ?? '[]');
  } catch {
    return [];
  }
}

function writeQueue(queue) {
  localStorage.setItem(queueKey, JSON.stringify(queue));
}

function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** A fresh CSRF token from the kiosk page, for when the one a queued response carries has expired. */
async function freshToken() {
  const page = await fetch(window.location.href, { credentials: 'same-origin' });
  const match = /name="_csrf" value="([^"]+)"/.exec(await page.text());
  return match ? match[1] : null;
}

let sending = false;

async function sendQueued() {
  if (sending) return;
  sending = true;
  try {
    for (const item of readQueue()) {
      let response;
      try {
        response = await post(item);
        if (response.status === 403) {
          const token = await freshToken();
          if (token) {
            const body = new URLSearchParams(item.body);
            body.set('_csrf', token);
            item.body = body.toString();
            response = await post(item);
          }
        }
      } catch {
        return; // Offline: keep everything for the next try.
      }
      // Stored (201), or refused for good (422: it can never be stored as it is): either way it leaves the queue.
      if (response.ok || response.status === 422) {
        writeQueue(readQueue().filter((queued) => queued.id !== item.id));
      } else {
        return;
      }
    }
  } finally {
    sending = false;
  }
}

function post(item) {
  return fetch(item.action, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: item.body,
  });
}

function clearForm() {
  form.reset();
  form.querySelector('input[name="submissionId"]').value = newSubmissionId();
  window.scrollTo(0, 0);
}

function requiredUnanswered() {
  return [...form.querySelectorAll('fieldset[data-required]')].some(
    (fieldset) => !fieldset.querySelector('input:checked'),
  );
}

if (form) {
  const thanks = document.getElementById('survey-thank-you');
  const formArea = document.getElementById('survey-form-area');
  form.querySelector('input[name="submissionId"]').value = newSubmissionId();

  form.addEventListener('submit', (event) => {
    // Let the server show what is missing, as it does without this script.
    if (requiredUnanswered() && navigator.onLine) return;
    event.preventDefault();
    if (requiredUnanswered()) return;
    const data = new FormData(form);
    data.set('answeredOn', today());
    const id = String(data.get('submissionId'));
    writeQueue([...readQueue(), { id, action: form.action, body: new URLSearchParams(data).toString() }]);
    clearForm();
    formArea.hidden = true;
    thanks.hidden = false;
    thanks.focus?.();
    setTimeout(() => {
      thanks.hidden = true;
      formArea.hidden = false;
    }, 4000);
    sendQueued();
  });

  // Nobody has touched the tablet for a while: clear what was left for the next person.
  const idleSeconds = Number(form.dataset.idleSeconds ?? '90');
  let idleTimer;
  const restartIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(clearForm, idleSeconds * 1000);
  };
  for (const kind of ['pointerdown', 'keydown', 'input']) document.addEventListener(kind, restartIdleTimer);
  restartIdleTimer();

  // Full screen on the first touch (browsers allow it only after a gesture).
  document.addEventListener(
    'pointerdown',
    () => document.documentElement.requestFullscreen?.().catch(() => {}),
    { once: true },
  );

  window.addEventListener('online', sendQueued);
  setInterval(sendQueued, 15000);
  sendQueued();
}
