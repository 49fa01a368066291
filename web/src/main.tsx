import { render } from 'preact';
import { App } from './app';
import { readConfig } from './config';
import { detectLocale } from './i18n/i18n';
import { tokenFromAddress } from './token';
import './styles.css';

// Before anything else: a secret in the path (an older link) leaves the address bar and the history at once.
const link = tokenFromAddress(window.location, window.history);

render(
  <App link={link} config={readConfig(document)} initialLocale={detectLocale(window.location.search, navigator.languages ?? [navigator.language])} />,
  document.getElementById('app')!,
);
