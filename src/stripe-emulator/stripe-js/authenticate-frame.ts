/**
 * The 3-D Secure challenge of the emulator's Stripe.js: the page `GET /v3/authenticate` (and its script
 * `authenticate.js`) that Stripe.js's modal shows in an iframe of the emulator's origin, like Stripe's test-mode
 * challenge page with its "Complete authentication" and "Fail authentication" buttons.
 *
 * Why: js.stripe.com and Stripe's challenge pages cannot be loaded here, and the customer page's code must be the same
 * against real Stripe and the emulator. The buttons POST `/v3/authenticate` with the publishable key and the intent's
 * client_secret (a PaymentIntent's or a SetupIntent's); the emulator then completes or fails 3-D Secure as the bank would.
 * Test tooling: small on purpose.
 */

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The challenge page for an intent: what is confirmed (a payment's amount, or saving the card) and the two buttons, or
 * a Close button when there is nothing to authenticate.
 */
export function authenticatePage(intent: { amount?: string; status: string }): string {
  const what = intent.amount === undefined
    ? '<p>The local Stripe emulator\'s test page for 3D Secure: here your bank would ask you to confirm that this card may be saved for later payments.</p>'
    : `<p>The local Stripe emulator's test page for 3D Secure: here your bank would ask you to confirm this payment.</p>
  <p class="amount">Amount: <strong>${escapeHtml(intent.amount)}</strong></p>`;
  const body = intent.status === 'requires_action'
    ? `${what}
  <div class="actions">
    <button id="complete" type="button" class="primary">Complete authentication</button>
    <button id="fail" type="button">Fail authentication</button>
  </div>`
    : `<p>This payment needs no authentication now (its status is ${escapeHtml(intent.status)}).</p>
  <div class="actions"><button id="close" type="button" class="primary">Close</button></div>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>3D Secure authentication</title>
<link rel="stylesheet" href="/v3/frame.css">
</head>
<body class="challenge">
<main>
  <h1>3D Secure authentication</h1>
  ${body}
  <p id="status" role="status"></p>
</main>
<script src="/v3/authenticate.js"></script>
</body>
</html>
`;
}

/** The challenge page's script: answers the challenge, then tells the modal (only the parent named in its URL). */
export const AUTHENTICATE_FRAME_SCRIPT = String.raw`/* 3-D Secure challenge of the local Stripe emulator's Stripe.js (dev and tests only). */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var PARENT = params.get('parentOrigin');
  var SOURCE = 'stripe-emulator';
  var ancestors = location.ancestorOrigins;
  if (window.parent === window || (ancestors && ancestors.length && ancestors[0] !== PARENT)) return;

  var buttons = Array.prototype.slice.call(document.querySelectorAll('button'));
  var status = document.getElementById('status');
  function send(type, extra) { window.parent.postMessage(Object.assign({ source: SOURCE, type: type }, extra), PARENT); }
  function enable(on) { buttons.forEach(function (button) { button.disabled = !on; }); }

  function answer(outcome) {
    enable(false);
    status.textContent = 'Authenticating…';
    var body = 'key=' + encodeURIComponent(params.get('key')) + '&client_secret=' + encodeURIComponent(params.get('client_secret')) + '&outcome=' + outcome;
    fetch('/v3/authenticate', { method: 'POST', body: body, credentials: 'omit', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
      .then(function (response) {
        return response.json().then(function (json) {
          if (!response.ok) throw new Error(json && json.error ? json.error.message : 'The authentication failed.');
          send('done');
        });
      })
      .catch(function (error) {
        status.textContent = error && error.message && error.message !== 'Failed to fetch' ? error.message : 'The local Stripe emulator could not be reached. Try again.';
        enable(true);
      });
  }

  buttons.forEach(function (button) {
    button.addEventListener('click', function () {
      if (button.id === 'close') send('done');
      else answer(button.id === 'complete' ? 'complete' : 'fail');
    });
  });
  window.addEventListener('message', function (event) {
    if (event.origin !== PARENT || event.source !== window.parent) return;
    if (event.data && event.data.source === SOURCE && event.data.type === 'focus' && buttons[0]) buttons[0].focus();
  });
  // The modal sizes the iframe to this page (within the viewport; the page scrolls beyond that).
  var reportSize = function () { send('size', { height: Math.ceil(document.documentElement.getBoundingClientRect().height) }); };
  if (window.ResizeObserver) new ResizeObserver(reportSize).observe(document.documentElement);
  reportSize();
  send('ready');
})();
`;
