import { useEffect, useState } from 'preact/hooks';
import { Dialog, DialogActions } from '../components/dialog.js';
import { Alert, ErrorAlert, SkeletonBlock } from '../components/feedback.js';
import { ChoiceGroup, SubmitButton, TextArea, TextField } from '../components/form.js';
import { Page } from '../components/page.js';
import { api, ApiError } from '../lib/api.js';
import { fieldError, useForm, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { href } from '../lib/router.js';

const ACCOUNTS = '/api/social-accounts';
/** A 409 whose field is a configuration variable (META_APP_ID): the server lacks a setting. */
const CONFIG_VARIABLE = /^[A-Z][A-Z0-9_]+$/;

/** A sign-in's error; a missing platform app setting says which variable to set. */
function ConnectError({ error }) {
  if (error?.status === 409 && CONFIG_VARIABLE.test(error.field ?? '')) {
    return html`<${Alert} kind="danger" title=${t('accounts.notConfigured')}>
      <p>${error.message}</p>
      <p>${t('accounts.notConfiguredHint', { variable: error.field })}</p>
    <//>`;
  }
  return html`<${ErrorAlert} error=${error} />`;
}

/**
 * Which sign-ins the server is configured for, asked when a connect dialog opens; null while
 * unknown. Should the question fail, every flow is offered: each still names a missing setting.
 */
function useConnectOptions(open) {
  const options = useResource(
    () => (open ? api.get(`${ACCOUNTS}/connect-options`) : Promise.resolve(null)),
    [open],
  );
  return options.error ? { graph: true, xOAuth2: true, xUserKeys: true } : options.data;
}

/** In place of a flow the server is not configured for: which variables to set. */
function NotConfigured({ variables }) {
  return html`<${Alert} kind="info" title=${t('accounts.notConfigured')}>
    <p>${t('accounts.notConfiguredHint', { variable: variables.join(', ') })}</p>
  <//>`;
}

function CloseButton({ onClose }) {
  return html`<div class="form-actions">
    <button type="button" class="btn btn-secondary" onClick=${onClose}>
      ${t('common.cancel')}
    </button>
  </div>`;
}

/** X sends the person back to the app's root; Karya's redirect URI is that address. */
const xRedirectUri = () => `${window.location.origin}/`;

function pageLabel(page) {
  const ig = page.instagramAccount;
  if (!ig) return page.name;
  return ig.username
    ? t('accounts.pageWithInstagram', { name: page.name, username: ig.username })
    : t('accounts.pageInstagramNoName', { name: page.name });
}

/** The networks a Page offers: the Page itself, and its Instagram account when linked. */
function networkOptions(page) {
  const options = [{ value: 'facebook', label: t('accounts.facebookPage', { name: page.name }) }];
  if (page.instagramAccount) {
    const name = page.instagramAccount.username ? `@${page.instagramAccount.username}` : page.name;
    options.push({ value: 'instagram', label: t('accounts.instagramAccount', { name }) });
  }
  return options;
}

/**
 * Facebook Login in two steps: the user token lists the Pages (the tokens stay on the server),
 * then the chosen Page and/or its Instagram account are connected. Reconnecting is the same.
 */
export function GraphConnectDialog({ open, title, onClose, onConnected }) {
  const [token, setToken] = useState('');
  const [connection, setConnection] = useState(null);
  const [pageId, setPageId] = useState('');
  const [networks, setNetworks] = useState([]);
  const choose = (id, pages = connection.pages) => {
    const page = pages.find((p) => p.id === id);
    setPageId(id);
    setNetworks(networkOptions(page).map((o) => o.value));
  };
  const start = useSubmit(async () => {
    const result = await api.post(`${ACCOUNTS}/graph/connections`, { userAccessToken: token });
    setConnection(result);
    if (result.pages[0]) choose(result.pages[0].id, result.pages);
  });
  const connect = useSubmit(async () => {
    if (networks.length === 0) {
      throw new ApiError(400, { field: 'networks', message: t('accounts.chooseNetwork') });
    }
    const accounts = await api.post(`${ACCOUNTS}/graph/accounts`, {
      connectionId: connection.connectionId,
      pageId,
      networks,
    });
    onConnected(accounts);
  });
  useEffect(() => {
    if (open) return;
    setToken('');
    setConnection(null);
    start.setError(null);
    connect.setError(null);
  }, [open]);
  const options = useConnectOptions(open);
  const page = connection?.pages.find((p) => p.id === pageId);
  if (!options || !options.graph) {
    return html`<${Dialog} open=${open} title=${title} onClose=${onClose}>
      ${
        options
          ? html`<${NotConfigured} variables=${['META_APP_ID', 'META_APP_SECRET']} />
              <${CloseButton} onClose=${onClose} />`
          : html`<${SkeletonBlock} height="12rem" />`
      }
    <//>`;
  }
  return html`<${Dialog} open=${open} title=${title} onClose=${onClose}>
    ${
      !connection
        ? html`<form class="form" onSubmit=${start.submit}>
            <${ConnectError} error=${start.error} />
            <${TextArea}
              label=${t('accounts.userToken')}
              hint=${t('accounts.userTokenHint')}
              rows="3"
              required
              autocomplete="off"
              spellcheck="false"
              value=${token}
              error=${fieldError(start.error, 'userAccessToken')}
              onInput=${(e) => setToken(e.currentTarget.value)}
            />
            <${DialogActions}
              busy=${start.busy}
              label=${t('accounts.listPages')}
              busyLabel=${t('accounts.listingPages')}
              onCancel=${onClose}
            />
          </form>`
        : html`<form class="form" onSubmit=${connect.submit} novalidate>
            <${ConnectError} error=${connect.error} />
            ${
              connection.pages.length === 0
                ? html`<p>${t('accounts.noPages')}</p>`
                : html`<${ChoiceGroup}
                      legend=${t('accounts.page')}
                      type="radio"
                      options=${connection.pages.map((p) => ({ value: p.id, label: pageLabel(p) }))}
                      value=${pageId}
                      error=${fieldError(connect.error, 'pageId')}
                      onChange=${(id) => choose(id)}
                    />
                    ${
                      page &&
                      html`<${ChoiceGroup}
                        legend=${t('accounts.networks')}
                        options=${networkOptions(page)}
                        value=${networks}
                        error=${fieldError(connect.error, 'networks')}
                        onChange=${setNetworks}
                      />`
                    }`
            }
            <${DialogActions}
              busy=${connect.busy}
              label=${t('accounts.connect')}
              busyLabel=${t('accounts.connecting')}
              onCancel=${onClose}
            />
          </form>`
    }
  <//>`;
}

/** X: sign in at X (OAuth 2.0 with PKCE, back through the app's root), or OAuth 1.0a keys. */
export function XConnectDialog({ open, title, onClose, onConnected }) {
  const form = useForm({ accessToken: '', accessSecret: '' });
  const signIn = useSubmit(async () => {
    const { authorizeUrl } = await api.post(`${ACCOUNTS}/x/authorize`, {
      redirectUri: xRedirectUri(),
    });
    window.location.assign(authorizeUrl);
    // The page is leaving: stay busy until it has gone.
    await new Promise(() => {});
  });
  const keys = useSubmit(async () => {
    const account = await api.post(`${ACCOUNTS}/x/user-keys`, form.values);
    onConnected([account]);
  });
  useEffect(() => {
    if (open) return;
    form.setValues({ accessToken: '', accessSecret: '' });
    signIn.setError(null);
    keys.setError(null);
  }, [open]);
  const options = useConnectOptions(open);
  if (!options) {
    return html`<${Dialog} open=${open} title=${title} onClose=${onClose}>
      <${SkeletonBlock} height="16rem" />
    <//>`;
  }
  return html`<${Dialog} open=${open} title=${title} onClose=${onClose}>
    <form class="form" onSubmit=${signIn.submit}>
      <p>${t('accounts.xSignInText')}</p>
      ${
        options.xOAuth2
          ? html`<${ConnectError} error=${signIn.error} />
              <div class="form-actions">
                <${SubmitButton}
                  busy=${signIn.busy}
                  label=${t('accounts.xSignIn')}
                  busyLabel=${t('accounts.xRedirecting')}
                />
              </div>`
          : html`<${NotConfigured} variables=${['X_CLIENT_ID']} />`
      }
    </form>
    ${
      options.xUserKeys
        ? html`<${XKeysForm} keys=${keys} form=${form} onClose=${onClose} />`
        : html`<section class="subform">
            <h3>${t('accounts.xKeysTitle')}</h3>
            <${NotConfigured} variables=${['X_CONSUMER_KEY', 'X_CONSUMER_SECRET']} />
            <${CloseButton} onClose=${onClose} />
          </section>`
    }
  <//>`;
}

/** The OAuth 1.0a user keys of the institution's X account. */
function XKeysForm({ keys, form, onClose }) {
  return html`<form class="form subform" onSubmit=${keys.submit}>
    <h3>${t('accounts.xKeysTitle')}</h3>
    <p class="hint">${t('accounts.xKeysHint')}</p>
    <${ConnectError} error=${keys.error} />
    <${TextField}
      label=${t('accounts.xAccessToken')}
      required
      autocomplete="off"
      spellcheck="false"
      error=${fieldError(keys.error, 'accessToken')}
      ...${form.bind('accessToken')}
    />
    <${TextField}
      label=${t('accounts.xAccessSecret')}
      type="password"
      required
      autocomplete="off"
      error=${fieldError(keys.error, 'accessSecret')}
      ...${form.bind('accessSecret')}
    />
    <${DialogActions}
      busy=${keys.busy}
      label=${t('accounts.connect')}
      busyLabel=${t('accounts.connecting')}
      onCancel=${onClose}
    />
  </form>`;
}

/** Deleting a live account's credentials, after the admin confirms. */
export function DisconnectDialog({ account, onClose, onDone }) {
  const action = useSubmit(async () => {
    const updated = await api.del(`${ACCOUNTS}/${account.id}/credentials`);
    onDone(updated);
  });
  const name = account?.displayName ?? '';
  return html`<${Dialog}
    open=${Boolean(account)}
    title=${t('accounts.disconnectTitle', { name })}
    onClose=${onClose}
  >
    <form class="form" onSubmit=${action.submit}>
      <${Alert} kind="warning"><p>${t('accounts.disconnectText')}</p><//>
      <${ErrorAlert} error=${action.error} />
      <${DialogActions}
        busy=${action.busy}
        label=${t('accounts.disconnect')}
        busyLabel=${t('accounts.disconnecting')}
        kind="danger"
        onCancel=${onClose}
      />
    </form>
  <//>`;
}

/**
 * Where X's answer lands (main.js moves it here from the root's query): completes the sign-in
 * once with the state and code, or says why X refused.
 */
export function XReturnScreen({ route }) {
  const { state, code, error } = route.query;
  const [account, setAccount] = useState(null);
  const finish = useSubmit(async () => {
    setAccount(await api.post(`${ACCOUNTS}/x/callback`, { state, code }));
  });
  useEffect(() => {
    if (state && code) finish.submit();
  }, [state, code]);
  return html`<${Page}
    title=${t('accounts.xReturnTitle')}
    back=${{ href: href('/publikasi'), label: t('accounts.backToAccounts') }}
  >
    <div aria-live="polite">
      ${finish.busy && html`<p role="status">${t('accounts.xReturnWorking')}</p>`}
      ${
        account &&
        html`<${Alert} kind="success"
          ><p>${t('accounts.xReturnDone', { name: account.displayName })}</p><//
        >`
      }
      ${error && html`<${Alert} kind="danger"><p>${t('accounts.xReturnRefused', { reason: error })}</p><//>`}
      ${!error && !(state && code) && html`<${Alert} kind="warning"><p>${t('accounts.xReturnMissing')}</p><//>`}
      <${ConnectError} error=${finish.error} />
    </div>
    <p>
      <a class="btn btn-secondary" href=${href('/publikasi')}>${t('accounts.backToAccounts')}</a>
    </p>
  <//>`;
}

/** X's answer arrives as /?state=…&code=… (or ?error=…): hand it to the return screen's route. */
export function takeXReturn() {
  const query = new URLSearchParams(window.location.search);
  if (!query.has('state') || !(query.has('code') || query.has('error'))) return;
  const keep = new URLSearchParams();
  for (const name of ['state', 'code', 'error']) {
    if (query.has(name)) keep.set(name, query.get(name));
  }
  window.history.replaceState(null, '', `/#/publikasi/x?${keep}`);
  // replaceState fires no hashchange: tell the router, which read the hash at load.
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
