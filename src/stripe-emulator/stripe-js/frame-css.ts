/**
 * The styles of the emulator's Stripe.js frames (the card field and the 3-D Secure challenge), served as `/v3/frame.css`.
 *
 * Why: js.stripe.com cannot be loaded here and the page code must be identical in both modes, so the emulator draws
 * these frames itself; a separate file keeps the frames free of inline style under their own CSP.
 */

/** Styles of both frames: readable, visible focus, usable from 320 px wide. */
export const FRAME_CSS = `:root {
  color-scheme: light;
  --text-color: #1a1f36;
  --invalid-color: #c0123c;
  --focus-color: #0a5cc2;
  --border-color: #6b7385;
  --font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  --font-size: 16px;
}
html, body { margin: 0; background: transparent; }
body { padding: 4px; font-family: var(--font-family); font-size: var(--font-size); color: var(--text-color); line-height: 1.4; }
.fields { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) minmax(0, 1fr); gap: 12px; }
@media (max-width: 479px) { .fields { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .field--number { grid-column: 1 / -1; } }
.field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
label { font-size: 0.875em; font-weight: 600; }
input {
  box-sizing: border-box; width: 100%; min-height: 44px; padding: 10px 12px; margin: 0;
  font-family: inherit; font-size: inherit; font-weight: var(--font-weight, 400); letter-spacing: var(--letter-spacing, normal);
  color: var(--text-color); background: #ffffff; border: 1px solid var(--border-color); border-radius: 6px;
}
input::placeholder { color: var(--placeholder-color, #5f6677); opacity: 1; }
input:focus { outline: 3px solid var(--focus-color); outline-offset: 1px; border-color: var(--focus-color); }
input[aria-invalid="true"] { color: var(--invalid-color); border-color: var(--invalid-color); }
input:disabled { background: #f2f3f5; color: #5f6677; }
.challenge { background: #ffffff; }
.challenge main { padding: 16px 20px; }
.challenge h1 { font-size: 1.25em; margin: 0 0 12px; }
.challenge p { margin: 0 0 12px; }
.actions { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
button {
  font: inherit; min-height: 44px; padding: 10px 16px; border-radius: 6px; cursor: pointer;
  border: 1px solid var(--border-color); background: #ffffff; color: var(--text-color);
}
button.primary { background: #0a5cc2; border-color: #0a5cc2; color: #ffffff; }
button:focus-visible { outline: 3px solid var(--focus-color); outline-offset: 2px; }
button:disabled { opacity: 0.6; cursor: default; }
`;
