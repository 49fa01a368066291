/**
 * SetupIntents: saving a card for later payments the way Stripe recommends, with 3-D Secure when the bank asks for it.
 * Create (customer, card, `usage`, metadata), retrieve, confirm with a PaymentMethod (or, from Stripe.js, card details
 * turned into one), answer the 3-D Secure challenge, cancel; `setup_intent.*` events; on success the card is attached to
 * the SetupIntent's customer. Test cards behave as Stripe documents for setups: `4000 0027 6000 3184` and
 * `4000 0025 0000 3155` ask for 3-D Secure (the latter then pays off-session without it), declining cards fail the setup.
 *
 * Why here: stripe-mock cannot be downloaded here and keeps no state, so it cannot take a setup through 3-D Secure.
 * Approximations: no SetupAttempt objects (`latest_attempt` stays null), no mandates, cards only.
 */
import type Stripe from 'stripe';
import type { EmulatorState } from './emulator-state';
import { StripeApiError, cardError, invalidRequest, resourceMissing, returnUrlRequired, throwError } from './stripe-api-error';
import { newId, now, randomString } from './stripe-objects';

/** Fields a caller chooses when creating a SetupIntent. */
export type SetupIntentFields = Pick<Stripe.SetupIntent,
  'customer' | 'description' | 'metadata' | 'payment_method' | 'usage' | 'allowed_payment_method_types' | 'payment_method_types' | 'automatic_payment_methods'>;

/** Confirmation parameters beyond the SetupIntent's own fields. */
export interface SetupConfirmOptions { paymentMethod?: string; returnUrl?: string; useStripeSdk?: boolean }

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const AUTHENTICATION_FAILED = 'The latest attempt to set up the payment method has failed because authentication failed.';

/** 400 `setup_intent_unexpected_state`, carrying the SetupIntent as Stripe does. */
function unexpectedState(message: string, intent: Stripe.SetupIntent): StripeApiError {
  return invalidRequest(message, undefined, 'setup_intent_unexpected_state', { setup_intent: structuredClone(intent) });
}

/** The SetupIntents of the emulated account and their state machine. */
export class SetupIntents {
  private readonly byId = new Map<string, Stripe.SetupIntent>();

  constructor(private readonly state: EmulatorState) {}

  get(id: string, param = 'intent'): Stripe.SetupIntent {
    return this.byId.get(id) ?? throwError(resourceMissing('setup_intent', id, param));
  }

  /** The SetupIntent with this id, if any. */
  find(id: string): Stripe.SetupIntent | undefined {
    return this.byId.get(id);
  }

  /** SetupIntents newest first, optionally of one customer. */
  list(customer?: string): Stripe.SetupIntent[] {
    return [...this.byId.values()].reverse().filter((si) => !customer || si.customer === customer);
  }

  create(fields: SetupIntentFields, confirm?: SetupConfirmOptions): Stripe.SetupIntent {
    if (typeof fields.customer === 'string') this.state.getCustomer(fields.customer, 'customer');
    const pm = typeof fields.payment_method === 'string' ? this.state.paymentMethod(fields.payment_method) : undefined;
    const id = newId('seti');
    const intent: Stripe.SetupIntent = {
      id, object: 'setup_intent', application: null, cancellation_reason: null, client_secret: `${id}_secret_${randomString(25)}`,
      created: now(), customer_account: null, excluded_payment_method_types: null, flow_directions: null, last_setup_error: null,
      latest_attempt: null, livemode: false, mandate: null, next_action: null, on_behalf_of: null, payment_method_configuration_details: null,
      payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } }, single_use_mandate: null,
      status: pm ? 'requires_confirmation' : 'requires_payment_method', ...fields, payment_method: pm?.id ?? null,
    };
    if (pm) this.state.checkUsable(pm, intent.customer as string | null);
    this.byId.set(id, intent);
    this.state.emit('setup_intent.created', intent);
    return confirm ? this.confirm(id, confirm) : intent;
  }

  /** Stripe's test-mode setup: the card decides between success, a decline and 3-D Secure. */
  confirm(id: string, options: SetupConfirmOptions): Stripe.SetupIntent {
    const intent = this.get(id);
    if (!CONFIRMABLE.includes(intent.status)) {
      throw unexpectedState(intent.status === 'succeeded'
        ? 'You cannot confirm this SetupIntent because it has already succeeded.'
        : `You cannot confirm this SetupIntent because it has a status of ${intent.status}. Only a SetupIntent with one of the following statuses may be confirmed: ${CONFIRMABLE.join(', ')}.`, intent);
    }
    const pmId = options.paymentMethod ? this.state.paymentMethod(options.paymentMethod).id : intent.payment_method;
    if (typeof pmId !== 'string') {
      throw unexpectedState("You cannot confirm this SetupIntent because it's missing a payment method. To confirm the SetupIntent, provide a payment_method.", intent);
    }
    const pm = this.state.paymentMethods.get(pmId)!;
    this.state.checkUsable(pm, intent.customer as string | null);
    const apm = intent.automatic_payment_methods;
    if (apm?.enabled && apm.allow_redirects !== 'never' && !options.returnUrl && !options.useStripeSdk) throw returnUrlRequired();
    Object.assign(intent, { payment_method: pm.id, last_setup_error: null });
    const card = this.state.cardOf(pm.id);
    if (card?.outcome === 'decline' && card.declinesOnAttach) {
      const decline = { code: card.decline!.code, decline_code: card.decline!.declineCode, message: card.decline!.message, payment_method_type: 'card' };
      this.fail(intent, { ...decline, type: 'card_error', payment_method: structuredClone(pm) });
      throw cardError({ ...decline, payment_method: structuredClone(pm), setup_intent: structuredClone(intent) });
    }
    if (card?.outcome === 'authenticate') {
      // The "challenge page" is the control endpoint that completes 3-D Secure.
      const url = `${this.state.baseUrl}/_emulator/setup_intents/${intent.id}/authenticate`;
      intent.status = 'requires_action';
      intent.next_action = options.returnUrl
        ? { type: 'redirect_to_url', redirect_to_url: { url, return_url: options.returnUrl } }
        : { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: pm.id } };
      this.state.emit('setup_intent.requires_action', intent);
      return intent;
    }
    return this.succeed(intent, pm);
  }

  /** Completes a pending 3-D Secure challenge as the customer's browser would. */
  authenticate(id: string, succeed: boolean): Stripe.SetupIntent {
    const intent = this.get(id);
    if (intent.status !== 'requires_action') throw unexpectedState(`This SetupIntent has a status of ${intent.status}, not requires_action.`, intent);
    const pm = this.state.paymentMethods.get(intent.payment_method as string)!;
    intent.next_action = null;
    if (succeed) return this.succeed(intent, pm);
    this.fail(intent, { code: 'setup_intent_authentication_failure', message: AUTHENTICATION_FAILED, type: 'invalid_request_error', payment_method: structuredClone(pm) });
    return intent;
  }

  cancel(id: string, reason?: Stripe.SetupIntent.CancellationReason): Stripe.SetupIntent {
    const intent = this.get(id);
    if (!CONFIRMABLE.includes(intent.status)) {
      throw unexpectedState(`You cannot cancel this SetupIntent because it has a status of ${intent.status}. Only a SetupIntent with one of the following statuses may be canceled: ${CONFIRMABLE.join(', ')}.`, intent);
    }
    Object.assign(intent, { status: 'canceled', cancellation_reason: reason ?? null, next_action: null });
    this.state.emit('setup_intent.canceled', intent);
    return intent;
  }

  /** The card is saved: attached to the SetupIntent's customer, and (for off-session use) needs no 3-D Secure later. */
  private succeed(intent: Stripe.SetupIntent, pm: Stripe.PaymentMethod): Stripe.SetupIntent {
    Object.assign(intent, { status: 'succeeded', next_action: null, last_setup_error: null });
    if (typeof intent.customer === 'string') this.state.attachTo(pm, intent.customer);
    if (intent.usage === 'off_session') this.state.markSetUp(pm.id);
    this.state.emit('setup_intent.succeeded', intent);
    return intent;
  }

  private fail(intent: Stripe.SetupIntent, error: Stripe.SetupIntent.LastSetupError): void {
    Object.assign(intent, { status: 'requires_payment_method', payment_method: null, next_action: null, last_setup_error: error });
    this.state.emit('setup_intent.setup_failed', intent);
  }
}
