/**
 * The card field of the emulator's Stripe.js: the page `GET /v3/elements/card` (and its script `card.js`) that the card
 * Element shows in an iframe of the emulator's origin.
 *
 * Why: js.stripe.com cannot be loaded here, and the customer page's code must be the same against real Stripe and the
 * emulator. As with Stripe's Card Element, the card number, expiry and CVC are typed into this cross-origin iframe, so
 * the embedding page's JavaScript can never read them; the iframe itself POSTs them to `/v1/payment_methods` with the
 * publishable key and hands the page only the resulting PaymentMethod.
 *
 * Unlike Stripe's one-line Card Element, it shows three labelled fields ("Card number", "Expiration date", "CVC") and no
 * postal code, and it does not move focus by itself when a field is complete (Tab does). Validation and messages are
 * Stripe's. Test tooling: small on purpose.
 */

/** The iframe's page; its parameters (`id`, `key`, `parentOrigin`) are read by card.js from its URL. */
export const CARD_FRAME_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Card details</title>
<link rel="stylesheet" href="/v3/frame.css">
</head>
<body class="card">
<div class="fields">
  <div class="field field--number">
    <label for="number">Card number</label>
    <input id="number" name="cardnumber" type="text" inputmode="numeric" autocomplete="cc-number" autocorrect="off" spellcheck="false" placeholder="1234 1234 1234 1234" aria-invalid="false">
  </div>
  <div class="field field--expiry">
    <label for="expiry">Expiration date</label>
    <input id="expiry" name="exp-date" type="text" inputmode="numeric" autocomplete="cc-exp" autocorrect="off" spellcheck="false" placeholder="MM / YY" aria-invalid="false">
  </div>
  <div class="field field--cvc">
    <label for="cvc">CVC</label>
    <input id="cvc" name="cvc" type="text" inputmode="numeric" autocomplete="cc-csc" autocorrect="off" spellcheck="false" placeholder="CVC" aria-invalid="false">
  </div>
</div>
<script src="/v3/elements/card.js"></script>
</body>
</html>
`;

/** The iframe's script: formatting, Stripe's validation and messages, and the postMessage protocol with the card Element. */
export const CARD_FRAME_SCRIPT = String.raw`/* Card field of the local Stripe emulator's Stripe.js (dev and tests only). */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var PARENT = params.get('parentOrigin');
  var ID = params.get('id');
  var KEY = params.get('key');
  var SOURCE = 'stripe-emulator';

  // The server only lets parentOrigin frame this page (CSP frame-ancestors); where the browser says who the parent is, check too.
  var ancestors = location.ancestorOrigins;
  if (window.parent === window || (ancestors && ancestors.length && ancestors[0] !== PARENT)) {
    document.body.textContent = 'This card field only works inside the page at ' + PARENT + '.';
    return;
  }

  var inputs = { number: byId('number'), expiry: byId('expiry'), cvc: byId('cvc') };
  var names = ['number', 'expiry', 'cvc'];
  var touched = { number: false, expiry: false, cvc: false };
  var showAll = false;
  var focused = false;
  var lastChange = '';

  function byId(id) { return document.getElementById(id); }
  function digits(value) { return value.replace(/\D/g, ''); }
  function send(type, extra) {
    window.parent.postMessage(Object.assign({ source: SOURCE, elementId: ID, type: type }, extra), PARENT);
  }

  // ---- Stripe's card rules ----

  function brandOf(number) {
    if (/^4/.test(number)) return 'visa';
    if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
    if (/^3[47]/.test(number)) return 'amex';
    if (/^(6011|64[4-9]|65)/.test(number)) return 'discover';
    if (/^(30[0-5]|36|38|39)/.test(number)) return 'diners';
    if (/^35/.test(number)) return 'jcb';
    if (/^62/.test(number)) return 'unionpay';
    return 'unknown';
  }
  function numberLength(brand) { return brand === 'amex' ? 15 : brand === 'diners' ? 14 : 16; }
  function cvcLength(brand) { return brand === 'amex' ? 4 : 3; }
  function luhn(number) {
    var sum = 0;
    for (var i = 0; i < number.length; i++) {
      var digit = Number(number.charAt(number.length - 1 - i));
      if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    return sum % 10 === 0;
  }

  // Each field's state: empty, complete, or an error; "incomplete" errors show once the field was left (or on submit),
  // "invalid" ones as soon as they are certain, as in Stripe's Card Element.
  function incomplete(code, message) { return { error: { type: 'validation_error', code: code, message: message }, early: false }; }
  function invalid(code, message) { return { error: { type: 'validation_error', code: code, message: message }, early: true }; }
  var EMPTY = { empty: true };
  var COMPLETE = { complete: true };

  function numberState() {
    var number = digits(inputs.number.value);
    var brand = brandOf(number);
    if (!number) return EMPTY;
    if (number.length < numberLength(brand)) return incomplete('incomplete_number', 'Your card number is incomplete.');
    if (brand === 'unknown' || !luhn(number)) return invalid('invalid_number', 'Your card number is invalid.');
    return COMPLETE;
  }
  function expiryState() {
    var value = digits(inputs.expiry.value);
    if (!value) return EMPTY;
    if (value.length < 4) return incomplete('incomplete_expiry', "Your card's expiration date is incomplete.");
    var month = Number(value.slice(0, 2));
    var year = 2000 + Number(value.slice(2, 4));
    var now = new Date();
    if (month < 1 || month > 12) return invalid('invalid_expiry_month', "Your card's expiration month is invalid.");
    if (year < now.getFullYear()) return invalid('invalid_expiry_year_past', "Your card's expiration year is in the past.");
    if (year === now.getFullYear() && month < now.getMonth() + 1) return invalid('invalid_expiry_month_past', "Your card's expiration date is in the past.");
    if (year > now.getFullYear() + 50) return invalid('invalid_expiry_year', "Your card's expiration year is invalid.");
    return COMPLETE;
  }
  function cvcState() {
    var cvc = digits(inputs.cvc.value);
    if (!cvc) return EMPTY;
    if (cvc.length < cvcLength(brandOf(digits(inputs.number.value)))) return incomplete('incomplete_cvc', "Your card's security code is incomplete.");
    return COMPLETE;
  }
  function states() { return { number: numberState(), expiry: expiryState(), cvc: cvcState() }; }
  function shown(name, state) { return state.error && (state.early || touched[name] || showAll) ? state.error : undefined; }

  /** Stripe's change event for the card Element, and each field's invalid mark. */
  function changeEvent() {
    var all = states();
    var error;
    names.forEach(function (name) {
      var fieldError = shown(name, all[name]);
      inputs[name].setAttribute('aria-invalid', fieldError ? 'true' : 'false');
      error = error || fieldError;
    });
    var event = {
      elementType: 'card',
      empty: names.every(function (name) { return all[name].empty; }),
      complete: names.every(function (name) { return all[name].complete; }),
      brand: brandOf(digits(inputs.number.value)),
      value: { postalCode: '' },
    };
    if (error) event.error = error;
    return event;
  }
  function reportChange(always) {
    var event = changeEvent();
    var serialized = JSON.stringify(event);
    if (always || serialized !== lastChange) send('change', { event: event });
    lastChange = serialized;
  }

  // ---- Formatting as the customer types: 4242 4242 4242 4242, MM / YY ----

  function formatNumber(value) {
    var number = digits(value);
    var brand = brandOf(number);
    number = number.slice(0, numberLength(brand));
    var groups = brand === 'amex' || brand === 'diners' ? [4, 6, 5] : [4, 4, 4, 4];
    var parts = [];
    var at = 0;
    groups.forEach(function (size) {
      if (at < number.length) parts.push(number.slice(at, at + size));
      at += size;
    });
    return parts.join(' ');
  }
  function formatExpiry(value, deleting) {
    var typed = value.replace(/^(\d)\s*\/\s*/, '0$1');   // "1/" means January
    var long = /^(\d{1,2})\s*\/\s*\d\d(\d\d)$/.exec(typed); // "12/2034" pasted
    var month = digits(long ? long[1] : typed);
    if (long) month = (month.length === 1 ? '0' + month : month) + long[2];
    if (/^[2-9]/.test(month) || /^1[3-9]/.test(month)) month = '0' + month; // "4" is April
    month = month.slice(0, 4);
    if (month.length > 2) return month.slice(0, 2) + ' / ' + month.slice(2);
    if (month.length === 2 && !deleting) return month + ' / ';
    return month;
  }
  function formatCvc(value) {
    var brand = brandOf(digits(inputs.number.value));
    return digits(value).slice(0, brand === 'unknown' ? 4 : cvcLength(brand));
  }
  /** Rewrites a field's value, keeping the caret after the same digit (or at the end when typing at the end). */
  function reformat(input, formatted) {
    var before = input.value;
    if (formatted === before) return;
    var caret = input.selectionStart === null ? before.length : input.selectionStart;
    var digitsBefore = digits(before.slice(0, caret)).length;
    input.value = formatted;
    var position = formatted.length;
    if (caret < before.length) {
      position = 0;
      for (var seen = 0; position < formatted.length && seen < digitsBefore; position++) {
        if (/\d/.test(formatted.charAt(position))) seen++;
      }
    }
    if (document.activeElement === input) input.setSelectionRange(position, position);
  }

  inputs.number.addEventListener('input', function () {
    reformat(inputs.number, formatNumber(inputs.number.value));
    reformat(inputs.cvc, formatCvc(inputs.cvc.value));
    reportChange(true);
  });
  inputs.expiry.addEventListener('input', function (event) {
    reformat(inputs.expiry, formatExpiry(inputs.expiry.value, /^delete/.test(event.inputType || '')));
    reportChange(true);
  });
  inputs.cvc.addEventListener('input', function () {
    reformat(inputs.cvc, formatCvc(inputs.cvc.value));
    reportChange(true);
  });

  // ---- Focus, blur and escape, for the Element as a whole ----

  document.addEventListener('focusin', function () {
    if (!focused) { focused = true; send('focus'); }
  });
  document.addEventListener('focusout', function (event) {
    names.forEach(function (name) {
      if (event.target === inputs[name] && inputs[name].value) touched[name] = true;
    });
    var stays = names.some(function (name) { return event.relatedTarget === inputs[name]; });
    if (!stays) { focused = false; send('blur'); }
    reportChange(false);
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') send('escape');
  });

  // ---- Options and requests from the card Element (only from the parent named in the URL) ----

  function applyOptions(options) {
    var style = options.style || {};
    var base = style.base || {};
    var root = document.documentElement.style;
    var set = function (name, value) {
      if (typeof value === 'string' || typeof value === 'number') root.setProperty(name, String(value));
      else root.removeProperty(name);
    };
    set('--text-color', base.color);
    set('--font-family', base.fontFamily);
    set('--font-size', base.fontSize);
    set('--font-weight', base.fontWeight);
    set('--letter-spacing', base.letterSpacing);
    set('--placeholder-color', base['::placeholder'] && base['::placeholder'].color);
    set('--invalid-color', style.invalid && style.invalid.color);
    names.forEach(function (name) { inputs[name].disabled = !!options.disabled; });
  }

  function clear() {
    names.forEach(function (name) { inputs[name].value = ''; touched[name] = false; });
    showAll = false;
    reportChange(true);
  }

  function encode(values, prefix, parts) {
    parts = parts || [];
    Object.keys(values).forEach(function (key) {
      var value = values[key];
      var name = prefix ? prefix + '[' + key + ']' : key;
      if (value === undefined) return;
      if (value !== null && typeof value === 'object') encode(value, name, parts);
      else parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(value === null ? '' : String(value)));
    });
    return parts.join('&');
  }

  /** Validates like Stripe.js (an empty field is incomplete here), then creates the PaymentMethod from this frame. */
  function createPaymentMethod(billingDetails) {
    showAll = true;
    reportChange(false);
    var all = states();
    var messages = {
      number: ['incomplete_number', 'Your card number is incomplete.'],
      expiry: ['incomplete_expiry', "Your card's expiration date is incomplete."],
      cvc: ['incomplete_cvc', "Your card's security code is incomplete."],
    };
    for (var i = 0; i < names.length; i++) {
      var state = all[names[i]];
      if (state.empty) return Promise.resolve({ error: { type: 'validation_error', code: messages[names[i]][0], message: messages[names[i]][1] } });
      if (state.error) return Promise.resolve({ error: state.error });
    }
    var expiry = digits(inputs.expiry.value);
    var body = encode({
      key: KEY, type: 'card', billing_details: billingDetails,
      card: { number: digits(inputs.number.value), exp_month: expiry.slice(0, 2), exp_year: '20' + expiry.slice(2, 4), cvc: digits(inputs.cvc.value) },
    });
    return fetch('/v1/payment_methods', {
      method: 'POST', body: body, credentials: 'omit', cache: 'no-store', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }).then(function (response) {
      return response.json().then(function (json) {
        if (json && json.error) return { error: json.error };
        if (!response.ok) return { error: { type: 'api_error', message: 'An unexpected error occurred.' } };
        return { paymentMethod: json };
      });
    }).catch(function () {
      return { error: { type: 'api_connection_error', message: 'An error occurred with our connection to Stripe.' } };
    });
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== PARENT || event.source !== window.parent) return;
    var message = event.data || {};
    if (message.source !== SOURCE || message.elementId !== ID) return;
    if (message.type === 'update') applyOptions(message.options || {});
    else if (message.type === 'focus') inputs.number.focus();
    else if (message.type === 'blur' && document.activeElement) document.activeElement.blur();
    else if (message.type === 'clear') clear();
    else if (message.type === 'createPaymentMethod') {
      createPaymentMethod(message.billingDetails).then(function (result) {
        send('response', { requestId: message.requestId, result: result });
      });
    }
  });

  // The card Element sizes the iframe to its content, which reflows with the width (one row, or two below 480 px).
  var reportSize = function () { send('size', { height: Math.ceil(document.documentElement.getBoundingClientRect().height) }); };
  if (window.ResizeObserver) new ResizeObserver(reportSize).observe(document.documentElement);
  reportSize();
  send('ready');
})();
`;
