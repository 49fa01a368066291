/**
 * The emulator's stand-in for Stripe.js (`https://js.stripe.com/v3/`), served at `GET /v3/`.
 *
 * Why: js.stripe.com cannot be loaded here (no internet), yet the customer page's code must be the same against real
 * Stripe and against the emulator. So this script defines `window.Stripe` with the subset of Stripe.js v3 the page uses,
 * with Stripe's names, arguments and result shapes: `elements().create('card')`, `confirmCardPayment`,
 * `confirmCardSetup`, `handleNextAction` (of a payment or a setup), `handleCardAction`, `createPaymentMethod`,
 * `retrievePaymentIntent`, `retrieveSetupIntent`. Anything else throws,
 * naming the method. As with Stripe, card numbers live only in an iframe of the emulator's origin (card-frame.ts),
 * and 3-D Secure opens a modal with an iframe of that origin (authenticate-frame.ts).
 *
 * Plain ES2017 in a string, so the served file is exactly this text; `__EMULATOR_ORIGIN__` is replaced when served.
 * Test tooling: small on purpose.
 */
export const STRIPE_JS_SCRIPT = String.raw`/* Stripe.js stand-in served by the local Stripe emulator (dev and tests only). */
(function () {
  'use strict';
  if (window.Stripe && window.Stripe.isLocalStripeEmulator) return;

  var ORIGIN = __EMULATOR_ORIGIN__;
  var SOURCE = 'stripe-emulator';
  var CLIENT_SECRET = /^(pi_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/;
  // What differs between a PaymentIntent and a SetupIntent for Stripe.js: where it lives and how results name it.
  var PAYMENT = { secret: CLIENT_SECRET, path: '/v1/payment_intents/', result: 'paymentIntent', errorKey: 'payment_intent', noun: 'PaymentIntent', failure: 'last_payment_error' };
  var SETUP = { secret: /^(seti_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/, path: '/v1/setup_intents/', result: 'setupIntent', errorKey: 'setup_intent', noun: 'SetupIntent', failure: 'last_setup_error' };
  var CARD_EVENTS = ['ready', 'change', 'focus', 'blur', 'escape', 'click', 'loaderror', 'loaderstart', 'networkschange'];
  var LOAD_TIMEOUT_MS = 10000;
  var REQUEST_TIMEOUT_MS = 30000;
  var counter = 0;
  var cards = new WeakMap(); // card Element -> its private side

  function nextId(prefix) { counter += 1; return prefix + counter; }

  function integrationError(message) {
    var error = new Error(message);
    error.name = 'IntegrationError';
    return error;
  }

  function notImplemented(name) {
    return function () { throw new Error(name + ' is not implemented by the local Stripe emulator'); };
  }

  /** Stripe's bracket form encoding: card[number]=..., billing_details[address][city]=... */
  function encode(params, prefix, parts) {
    parts = parts || [];
    Object.keys(params).forEach(function (key) {
      var value = params[key];
      var name = prefix ? prefix + '[' + key + ']' : key;
      if (value === undefined) return;
      if (value !== null && typeof value === 'object') encode(value, name, parts);
      else parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(value === null ? '' : String(value)));
    });
    return parts.join('&');
  }

  function intentId(method, clientSecret, kind) {
    var match = typeof clientSecret === 'string' && (kind || PAYMENT).secret.exec(clientSecret);
    if (!match) {
      throw integrationError('Invalid value for stripe.' + method + ' intent secret: value should be a client_secret string. You specified: ' + clientSecret + '.');
    }
    return match[1];
  }

  function checkKeys(method, object, allowed) {
    Object.keys(object || {}).forEach(function (key) {
      if (allowed.indexOf(key) < 0) throw new Error(method + ' with ' + key + ' is not implemented by the local Stripe emulator');
    });
  }

  function connectionError() {
    return { error: { type: 'api_connection_error', message: 'An error occurred with our connection to Stripe.' } };
  }

  /**
   * A call to the emulator's API with the publishable key, sent as Stripe.js sends it: form-encoded with the key in
   * the parameters, so the browser needs no CORS preflight. Resolves { body } or { error } (Stripe's error object).
   */
  function api(key, method, path, params) {
    var query = encode(Object.assign({ key: key }, params));
    var init = { method: method, credentials: 'omit', cache: 'no-store' };
    if (window.AbortSignal && AbortSignal.timeout) init.signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    if (method !== 'GET') {
      init.body = query;
      init.headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    }
    return fetch(ORIGIN + path + (method === 'GET' ? '?' + query : ''), init).then(function (response) {
      return response.json().then(function (json) {
        if (json && json.error) return { error: json.error };
        if (!response.ok) return { error: { type: 'api_error', message: 'An unexpected error occurred.' } };
        return { body: json };
      }, function () {
        return { error: { type: 'api_error', message: 'An unexpected error occurred.' } };
      });
    }, connectionError);
  }

  /** The kind of intent a client_secret belongs to (a SetupIntent's starts with seti_). */
  function kindOf(clientSecret) {
    return typeof clientSecret === 'string' && clientSecret.indexOf('seti_') === 0 ? SETUP : PAYMENT;
  }

  /** Resolves { paymentIntent } or { setupIntent }, as the kind says, or { error }. */
  function retrieveIntent(key, clientSecret, kind) {
    kind = kind || PAYMENT;
    var method = kind === SETUP ? 'retrieveSetupIntent' : 'retrievePaymentIntent';
    return api(key, 'GET', kind.path + intentId(method, clientSecret, kind), { client_secret: clientSecret })
      .then(function (result) {
        if (result.error) return { error: result.error };
        var answer = {};
        answer[kind.result] = result.body;
        return answer;
      });
  }

  function query(params) {
    return Object.keys(params).map(function (key) { return encodeURIComponent(key) + '=' + encodeURIComponent(params[key]); }).join('&');
  }

  function setStyles(element, styles) {
    Object.keys(styles).forEach(function (name) { element.style[name] = styles[name]; });
  }

  // ---- The 3-D Secure challenge: a modal dialog holding an iframe of the emulator's origin ----

  /** Opens the challenge for an intent in requires_action; resolves when the customer has answered it. */
  function challenge(key, intent) {
    return new Promise(function (resolve) {
      var previousFocus = document.activeElement;
      var overflow = document.body.style.overflow;
      var overlay = document.createElement('div');
      var dialog = document.createElement('div');
      var frame = document.createElement('iframe');
      var made = [];
      var timer;
      overlay.className = '__PrivateStripeEmulatorChallenge';
      setStyles(overlay, {
        position: 'fixed', top: '0', right: '0', bottom: '0', left: '0', zIndex: '2147483647', display: 'flex',
        alignItems: 'center', justifyContent: 'center', background: 'rgba(0, 0, 0, 0.5)', padding: '16px', boxSizing: 'border-box',
      });
      dialog.setAttribute('role', 'dialog');
      dialog.setAttribute('aria-modal', 'true');
      dialog.setAttribute('aria-label', '3D Secure authentication');
      setStyles(dialog, { width: '100%', maxWidth: '420px', background: '#ffffff', borderRadius: '8px', overflow: 'hidden', boxShadow: '0 8px 32px rgba(0, 0, 0, 0.3)' });
      frame.title = '3D Secure authentication';
      frame.name = nextId('__privateStripeEmulatorChallenge');
      frame.setAttribute('frameborder', '0');
      setStyles(frame, { display: 'block', width: '100%', height: '340px', border: '0' });
      frame.src = ORIGIN + '/v3/authenticate?' + query({ key: key, client_secret: intent.client_secret, parentOrigin: location.origin });

      function close() {
        clearTimeout(timer);
        window.removeEventListener('message', onMessage);
        if (overlay.parentNode) overlay.parentNode.removeChild(overlay);
        made.forEach(function (element) { element.inert = false; });
        document.body.style.overflow = overflow;
        if (previousFocus && previousFocus.focus && document.contains(previousFocus)) previousFocus.focus();
      }
      function onMessage(event) {
        if (event.source !== frame.contentWindow || event.origin !== ORIGIN) return;
        var data = event.data || {};
        if (data.source !== SOURCE) return;
        if (data.type === 'ready') {
          clearTimeout(timer);
          frame.focus();
          frame.contentWindow.postMessage({ source: SOURCE, type: 'focus' }, ORIGIN);
        } else if (data.type === 'size') {
          frame.style.height = Math.min(data.height, window.innerHeight - 32) + 'px';
        } else if (data.type === 'done') {
          close();
          resolve(undefined);
        }
      }
      window.addEventListener('message', onMessage);
      dialog.appendChild(frame);
      overlay.appendChild(dialog);
      // Everything else on the page is inert while the dialog is open, so focus stays in it.
      Array.prototype.forEach.call(document.body.children, function (element) {
        if (!element.inert) { element.inert = true; made.push(element); }
      });
      document.body.style.overflow = 'hidden';
      document.body.appendChild(overlay);
      timer = setTimeout(function () {
        close();
        console.error('The local Stripe emulator\'s 3-D Secure page did not load from ' + ORIGIN + '. Does the page\'s Content-Security-Policy allow it in frame-src?');
        resolve(connectionError());
      }, LOAD_TIMEOUT_MS);
    });
  }

  /** Runs the intent's next action (3-D Secure), then resolves as Stripe.js does: the intent, or the failure. */
  function handleAction(key, intent) {
    var kind = kindOf(intent.client_secret);
    return challenge(key, intent).then(function (failed) {
      return failed || retrieveIntent(key, intent.client_secret, kind);
    }).then(function (result) {
      if (result.error) return result;
      var answered = result[kind.result];
      var failure = answered[kind.failure];
      if (answered.status === 'requires_payment_method' && failure) {
        // A payment's failed challenge comes back as a card_error; a setup's keeps the type Stripe gave it.
        var error = Object.assign({}, failure, kind === PAYMENT ? { type: 'card_error' } : {});
        error[kind.errorKey] = answered;
        return { error: error };
      }
      return result;
    });
  }

  function nextAction(key, method, clientSecret, kind) {
    intentId(method, clientSecret, kind);
    return retrieveIntent(key, clientSecret, kind).then(function (result) {
      if (result.error) return result;
      var intent = result[kind.result];
      if (intent.status !== 'requires_action') {
        var error = {
          type: 'invalid_request_error', code: kind.errorKey + '_unexpected_state',
          message: method + ': the ' + kind.noun + ' has a status of ' + intent.status + ', but only a ' + kind.noun + ' with a status of requires_action has a next action to handle.',
        };
        error[kind.errorKey] = intent;
        return { error: error };
      }
      return handleAction(key, intent);
    });
  }

  /** The PaymentMethod to confirm with: an id, card details in a card Element (created first), or none. */
  function methodFor(method, data) {
    var given = data.payment_method;
    if (given === undefined || typeof given === 'string') return Promise.resolve({ paymentMethod: given && { id: given } });
    if (given && typeof given === 'object') {
      checkKeys(method + ' payment_method', given, ['card', 'billing_details']);
      return cardOf(method, given.card).createPaymentMethod(given.billing_details);
    }
    throw integrationError('Invalid value for ' + method + ': payment_method should be a PaymentMethod id or an object. You specified: ' + given + '.');
  }

  /** Confirms an intent from the browser, then runs 3-D Secure unless handleActions is false. */
  function confirmIntent(key, kind, clientSecret, params, paymentMethod, options) {
    var id = intentId(kind === SETUP ? 'confirmCardSetup' : 'confirmCardPayment', clientSecret, kind);
    var handleActions = !options || options.handleActions !== false;
    return paymentMethod.then(function (created) {
      if (created.error) return { error: created.error };
      var body = Object.assign({ client_secret: clientSecret, use_stripe_sdk: 'true' }, params);
      if (created.paymentMethod) body.payment_method = created.paymentMethod.id;
      return api(key, 'POST', kind.path + id + '/confirm', body).then(function (result) {
        if (result.error) return { error: result.error };
        var intent = result.body;
        if (intent.status === 'requires_action' && handleActions) return handleAction(key, intent);
        var answer = {};
        answer[kind.result] = intent;
        return answer;
      });
    });
  }

  // ---- The card Element: an iframe of the emulator's origin holding the three card fields ----

  function createCardElement(key, options, onDestroy) {
    var id = nextId('card');
    var handlers = {};
    var settings = Object.assign({}, options);
    var container = null;
    var wrapper = null;
    var frame = null;
    var ready = false;
    var destroyed = false;
    var waiting = [];
    var pending = {};
    var loadTimer;
    var status = { empty: true, complete: false, invalid: false, focus: false };

    function emit(type, event) {
      (handlers[type] || []).slice().forEach(function (entry) {
        if (entry.once) off(type, entry.handler);
        entry.handler(event);
      });
    }
    function on(type, handler, once) {
      if (CARD_EVENTS.indexOf(type) < 0) {
        throw integrationError('Invalid value for on(): event should be one of the following strings: ' + CARD_EVENTS.join(', ') + '. You specified: ' + type + '.');
      }
      if (typeof handler !== 'function') throw integrationError('Invalid value for on(): handler should be a function. You specified: ' + handler + '.');
      (handlers[type] = handlers[type] || []).push({ handler: handler, once: !!once });
      return element;
    }
    function off(type, handler) {
      handlers[type] = handler ? (handlers[type] || []).filter(function (entry) { return entry.handler !== handler; }) : [];
      return element;
    }
    function post(message) {
      if (!frame || !ready) return false;
      frame.contentWindow.postMessage(Object.assign({ source: SOURCE, elementId: id }, message), ORIGIN);
      return true;
    }
    function frameOptions() {
      return { style: settings.style || {}, disabled: !!settings.disabled, hidePostalCode: !!settings.hidePostalCode };
    }
    function classNames() {
      var classes = Object.assign({ base: 'StripeElement', complete: 'StripeElement--complete', empty: 'StripeElement--empty',
        focus: 'StripeElement--focus', invalid: 'StripeElement--invalid' }, settings.classes);
      return classes;
    }
    function renderClasses(remove) {
      if (!container) return;
      var classes = classNames();
      Object.keys(classes).forEach(function (name) {
        var enabled = !remove && (name === 'base' || status[name]);
        String(classes[name]).split(/\s+/).filter(Boolean).forEach(function (cls) { container.classList.toggle(cls, enabled); });
      });
    }
    function settle(requestId, result) {
      var resolve = pending[requestId];
      delete pending[requestId];
      if (resolve) resolve(result);
    }
    function onMessage(event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== ORIGIN) return;
      var data = event.data || {};
      if (data.source !== SOURCE || data.elementId !== id) return;
      switch (data.type) {
        case 'ready':
          clearTimeout(loadTimer);
          ready = true;
          post({ type: 'update', options: frameOptions() });
          waiting.splice(0).forEach(function (run) { run(); });
          emit('ready', { elementType: 'card' });
          break;
        case 'size':
          frame.style.height = data.height + 'px';
          break;
        case 'change':
          status.empty = data.event.empty;
          status.complete = data.event.complete;
          status.invalid = !!data.event.error;
          renderClasses();
          emit('change', data.event);
          break;
        case 'focus':
        case 'blur':
          status.focus = data.type === 'focus';
          renderClasses();
          emit(data.type, { elementType: 'card' });
          break;
        case 'escape':
          emit('escape', { elementType: 'card' });
          break;
        case 'response':
          settle(data.requestId, data.result);
          break;
      }
    }
    function unmount() {
      clearTimeout(loadTimer);
      window.removeEventListener('message', onMessage);
      if (wrapper && wrapper.parentNode) wrapper.parentNode.removeChild(wrapper);
      renderClasses(true);
      Object.keys(pending).forEach(function (requestId) {
        settle(requestId, { error: { type: 'invalid_request_error', message: 'The card Element was unmounted before the request completed.' } });
      });
      container = wrapper = frame = null;
      ready = false;
      waiting = [];
    }
    function alive() {
      if (destroyed) throw integrationError('This Element has already been destroyed. Please create a new one.');
    }

    var element = {
      mount: function (target) {
        alive();
        if (frame) throw integrationError('This Element is already mounted. Use unmount() to unmount the Element before re-mounting.');
        var node = typeof target === 'string' ? document.querySelector(target) : target;
        if (!node || node.nodeType !== 1) {
          throw integrationError('The selector you specified (' + target + ') applies to no DOM elements that are currently on the page.\nMake sure the element exists on the page before calling mount().');
        }
        container = node;
        wrapper = document.createElement('div');
        wrapper.className = '__PrivateStripeElement';
        setStyles(wrapper, { margin: '0', padding: '0', border: 'none', display: 'block', background: 'transparent', position: 'relative' });
        frame = document.createElement('iframe');
        frame.name = '__privateStripeFrame' + id;
        frame.title = 'Secure card payment input frame';
        frame.setAttribute('frameborder', '0');
        frame.setAttribute('allowtransparency', 'true');
        frame.setAttribute('scrolling', 'no');
        setStyles(frame, { border: 'none', margin: '0', padding: '0', width: '1px', minWidth: '100%', overflow: 'hidden', display: 'block', height: '72px' });
        frame.src = ORIGIN + '/v3/elements/card?' + query({ id: id, key: key, parentOrigin: location.origin });
        window.addEventListener('message', onMessage);
        wrapper.appendChild(frame);
        container.appendChild(wrapper);
        renderClasses();
        loadTimer = setTimeout(function () {
          var error = { type: 'api_connection_error', message: 'The card field could not be loaded from the local Stripe emulator at ' + ORIGIN + '.' };
          console.error(error.message + ' Does the page\'s Content-Security-Policy allow it in frame-src?');
          emit('loaderror', { elementType: 'card', error: error });
        }, LOAD_TIMEOUT_MS);
      },
      unmount: function () { alive(); unmount(); },
      destroy: function () {
        alive();
        unmount();
        destroyed = true;
        onDestroy();
      },
      focus: function () {
        alive();
        if (frame) frame.focus();
        post({ type: 'focus' });
      },
      blur: function () { alive(); post({ type: 'blur' }); },
      clear: function () { alive(); post({ type: 'clear' }); },
      update: function (changes) {
        alive();
        checkKeys("card Element's update()", changes, ['style', 'classes', 'hidePostalCode', 'disabled', 'iconStyle', 'hideIcon', 'value']);
        Object.assign(settings, changes);
        renderClasses();
        post({ type: 'update', options: frameOptions() });
      },
      on: function (type, handler) { return on(type, handler, false); },
      once: function (type, handler) { return on(type, handler, true); },
      off: off,
      addEventListener: function (type, handler) { return on(type, handler, false); },
      removeEventListener: off,
      collapse: notImplemented('card Element collapse()'),
    };

    cards.set(element, {
      /** Asks the iframe, which alone holds the card details, to create the PaymentMethod; resolves { paymentMethod } or { error }. */
      createPaymentMethod: function (billingDetails) {
        if (!frame) throw integrationError('We could not retrieve data from the specified Element. Please make sure the Element you are attempting to use is still mounted.');
        return new Promise(function (resolve) {
          var requestId = nextId('request');
          pending[requestId] = resolve;
          var send = function () { post({ type: 'createPaymentMethod', requestId: requestId, billingDetails: billingDetails || {} }); };
          if (ready) send(); else waiting.push(send);
        });
      },
    });
    return element;
  }

  function cardOf(method, card) {
    if (card && typeof card === 'object' && card.token !== undefined && !cards.has(card)) throw new Error(method + ' with card[token] is not implemented by the local Stripe emulator');
    var side = card && cards.get(card);
    if (!side) throw integrationError('Invalid value for ' + method + ': card should be a card Element created with elements.create(\'card\'). You specified: ' + card + '.');
    return side;
  }

  function Stripe(key, options) {
    if (typeof key !== 'string' || key === '') throw integrationError('Invalid value for Stripe(): apiKey should be a string. You specified: ' + key + '.');
    if (/^(sk|rk)_/.test(key)) throw integrationError('You are using a secret key with Stripe.js, instead of the publishable one. For more information, see https://stripe.com/docs/stripe-js');
    checkKeys('Stripe() option', options, ['locale', 'apiVersion', 'betas']);

    var stripe = {
      elements: function (elementsOptions) {
        checkKeys('elements() option', elementsOptions, ['locale', 'fonts', 'appearance', 'loader']);
        var card = null;
        return {
          create: function (type, cardOptions) {
            if (type !== 'card') throw new Error("elements.create('" + type + "') is not implemented by the local Stripe emulator (it implements the 'card' Element)");
            if (card) throw integrationError('Can only create one Element of type card.');
            checkKeys("elements.create('card') option", cardOptions, ['style', 'classes', 'hidePostalCode', 'disabled', 'iconStyle', 'hideIcon', 'value', 'disableLink']);
            card = createCardElement(key, cardOptions || {}, function () { card = null; });
            return card;
          },
          getElement: function (type) { return type === 'card' ? card : null; },
          update: notImplemented('elements.update'),
          fetchUpdates: notImplemented('elements.fetchUpdates'),
          submit: notImplemented('elements.submit'),
        };
      },

      confirmCardPayment: function (clientSecret, data, options) {
        intentId('confirmCardPayment', clientSecret);
        data = data || {};
        checkKeys('confirmCardPayment', data, ['payment_method', 'setup_future_usage', 'return_url']);
        checkKeys('confirmCardPayment option', options, ['handleActions']);
        var params = {};
        if (data.setup_future_usage !== undefined) params.setup_future_usage = data.setup_future_usage;
        if (data.return_url !== undefined) params.return_url = data.return_url;
        return confirmIntent(key, PAYMENT, clientSecret, params, methodFor('confirmCardPayment', data), options);
      },

      confirmCardSetup: function (clientSecret, data, options) {
        intentId('confirmCardSetup', clientSecret, SETUP);
        data = data || {};
        checkKeys('confirmCardSetup', data, ['payment_method', 'return_url']);
        checkKeys('confirmCardSetup option', options, ['handleActions']);
        var params = data.return_url !== undefined ? { return_url: data.return_url } : {};
        return confirmIntent(key, SETUP, clientSecret, params, methodFor('confirmCardSetup', data), options);
      },

      handleNextAction: function (options) {
        if (!options || typeof options !== 'object') throw integrationError('Invalid value for handleNextAction: options should be an object. You specified: ' + options + '.');
        if (options.hashedValue !== undefined) throw new Error('handleNextAction with hashedValue is not implemented by the local Stripe emulator');
        return nextAction(key, 'handleNextAction', options.clientSecret, kindOf(options.clientSecret));
      },

      handleCardAction: function (clientSecret) {
        return nextAction(key, 'handleCardAction', clientSecret, PAYMENT);
      },

      createPaymentMethod: function (data) {
        if (!data || typeof data !== 'object') throw integrationError('Invalid value for createPaymentMethod: data should be an object. You specified: ' + data + '.');
        if (data.elements !== undefined) throw new Error('createPaymentMethod({ elements }) is not implemented by the local Stripe emulator');
        if (data.type !== 'card') throw new Error("createPaymentMethod with type '" + data.type + "' is not implemented by the local Stripe emulator");
        checkKeys('createPaymentMethod', data, ['type', 'card', 'billing_details']);
        return cardOf('createPaymentMethod', data.card).createPaymentMethod(data.billing_details);
      },

      retrievePaymentIntent: function (clientSecret) {
        intentId('retrievePaymentIntent', clientSecret);
        return retrieveIntent(key, clientSecret, PAYMENT);
      },

      retrieveSetupIntent: function (clientSecret) {
        intentId('retrieveSetupIntent', clientSecret, SETUP);
        return retrieveIntent(key, clientSecret, SETUP);
      },

      // Called by @stripe/stripe-js and @stripe/react-stripe-js to report their versions to Stripe; nothing to report here.
      registerAppInfo: function () {},
      _registerWrapper: function () {},
    };

    [
      'confirmPayment', 'confirmSetup', 'handleCardPayment', 'handleCardSetup', 'confirmAcssDebitPayment',
      'confirmAlipayPayment', 'confirmSepaDebitPayment', 'confirmIdealPayment', 'confirmUsBankAccountPayment', 'createToken',
      'createSource', 'retrieveSource', 'createConfirmationToken', 'paymentRequest', 'redirectToCheckout',
      'initCheckout', 'initEmbeddedCheckout', 'collectBankAccountForPayment', 'collectBankAccountForSetup', 'verifyIdentity',
      'verifyMicrodepositsForPayment', 'createEphemeralKeyNonce', 'customPaymentMethods', 'linkAuthenticationElement',
    ].forEach(function (name) { stripe[name] = notImplemented('stripe.' + name); });
    return stripe;
  }

  Stripe.version = 3;
  Stripe.isLocalStripeEmulator = true;
  window.Stripe = Stripe;
})();
`;
