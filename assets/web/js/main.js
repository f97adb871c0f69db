import { render } from 'preact';
import { App } from './app.js';
import { html } from './lib/html.js';
import { loadSession, sessionStore } from './lib/session.js';
import { takeXReturn } from './screens/account-connect.js';

takeXReturn();

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);

loadSession().catch((error) => {
  // The server is unreachable or failing: say so on the login screen instead of a blank page.
  sessionStore.set({ status: 'anonymous', me: null, institutions: [], startupError: error });
});
