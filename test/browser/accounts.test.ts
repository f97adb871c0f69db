/**
 * Social accounts in a real browser, against the platform fakes: the accounts with their
 * connection state, an admin connecting a Facebook Page and its Instagram account (Facebook
 * Login), signing in with X (the authorize page answered by the fake), a flow the server has
 * no platform app settings for withheld with the variables named, then disconnecting and
 * reconnecting.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { TEST_PASSWORD } from '../support/factories';
import { GraphApiFake } from '../support/fakes/graph-api.fake';
import { XApiFake } from '../support/fakes/x-api.fake';
import { describeInBrowser } from './helpers/browser';
import { useBrowserSession } from './helpers/session';
import { logIn } from './helpers/world';

const LONG = 90_000;
const META_APP = { id: 'karya-meta-app', secret: 'karya-meta-secret' };
const X_CLIENT = { id: 'karya-client', secret: 'karya-secret' };
const PAGE = {
  id: '104857600901',
  name: 'Lapas Kelas IIA Uji Halaman',
  accessToken: 'EAApage-browser',
  instagram: { id: '178414901', username: 'lapas_uji_ig' },
};
const X_USER = { id: '77009001', username: 'lapas_uji_x' };

describeInBrowser('web UI: social accounts', () => {
  const graph = new GraphApiFake();
  const x = new XApiFake();
  const urls = { graph: '', x: '' };
  let userToken = '';

  beforeAll(async () => {
    [urls.graph, urls.x] = await Promise.all([graph.start(), x.start()]);
    process.env.NO_PROXY = '127.0.0.1,localhost';
    graph.oauth.addApp(META_APP.id, META_APP.secret);
    graph.addPage(PAGE.id, PAGE.accessToken);
    graph.addInstagramAccount(PAGE.instagram.id, PAGE.accessToken);
    userToken = graph.oauth.userToken('admin-browser', [PAGE]);
    x.addClient(X_CLIENT.id, X_CLIENT.secret);
    x.addUser(X_USER.id, X_USER.username);
  });
  afterAll(() => Promise.all([graph.stop(), x.stop()]));

  // X_CONSUMER_KEY is left unset: the OAuth 1.0a form is not offered, and the dialog says why.
  const ui = useBrowserSession('accounts', () => ({
    env: {
      GRAPH_API_BASE_URL: urls.graph,
      X_API_BASE_URL: urls.x,
      META_APP_ID: META_APP.id,
      META_APP_SECRET: META_APP.secret,
      X_CLIENT_ID: X_CLIENT.id,
      X_CLIENT_SECRET: X_CLIENT.secret,
    },
  }));

  /** Waits for the account's row to show `text` (the list reloads after each change). */
  const rowShows = (account: string | RegExp, text: RegExp) =>
    ui.page.getByRole('row', { name: account }).filter({ hasText: text }).waitFor();
  const dialog = () => ui.page.getByRole('dialog');
  const statusOf = async (displayName: string) =>
    (
      await ui.world.t.dataSource.query(
        `SELECT a.status, count(c.social_account_id)::int AS credentials
         FROM social_accounts a LEFT JOIN social_account_credentials c ON c.social_account_id = a.id
         WHERE a.institution_id = $1 AND a.display_name = $2 GROUP BY a.id`,
        [ui.world.institution.id, displayName],
      )
    )[0];

  it(
    'lists the sandbox accounts with their connection state',
    async () => {
      await ui.page.goto(ui.world.baseUrl);
      await logIn(ui.page, ui.world.users.admin.email, TEST_PASSWORD);
      await ui.goto('#/publikasi');
      await ui.page.getByRole('heading', { name: 'Publikasi', level: 1 }).waitFor();
      for (const name of ['Sandbox Instagram Uji', 'Sandbox X Uji']) {
        await rowShows(new RegExp(name), /Sandbox \(uji coba\).*Tersambung/);
      }
      await ui.screens.capture(ui.page, 'accounts');
    },
    LONG,
  );

  it(
    'connects a Facebook Page and its Instagram account with a user token',
    async () => {
      await ui.page.getByRole('button', { name: 'Sambungkan Facebook / Instagram' }).click();
      await dialog().getByLabel('Token akses pengguna Facebook').fill('EAAnot-a-token');
      await dialog().getByRole('button', { name: 'Tampilkan Halaman' }).click();
      await dialog()
        .getByRole('alert')
        .filter({ hasText: /Platform menolak userAccessToken/ })
        .waitFor();

      await dialog().getByLabel('Token akses pengguna Facebook').fill(userToken);
      await dialog().getByRole('button', { name: 'Tampilkan Halaman' }).click();
      await dialog()
        .getByRole('radio', { name: `${PAGE.name} (Instagram @${PAGE.instagram.username})` })
        .waitFor();
      expect(await dialog().getByRole('checkbox').count()).toBe(2);
      await ui.screens.capture(ui.page, 'accounts-graph-pages');
      await dialog().getByRole('button', { name: 'Sambungkan', exact: true }).click();

      await ui.page.getByText(`Tersambung: ${PAGE.name}, ${PAGE.instagram.username}.`).waitFor();
      await rowShows(new RegExp(PAGE.name), /Facebook.*Akun sungguhan.*Tersambung/);
      await rowShows(/@lapas_uji_ig/, /Instagram.*Tersambung/);
      expect(await statusOf(PAGE.name)).toEqual({ status: 'connected', credentials: 1 });
    },
    LONG,
  );

  it(
    'names the missing X setting, then connects X by signing in at X',
    async () => {
      await ui.page.getByRole('button', { name: 'Sambungkan X' }).click();
      // The server has no consumer keys: the user-keys form is not offered, and says why.
      await dialog().getByText('Server belum dikonfigurasi untuk sambungan ini').waitFor();
      await dialog()
        .getByText(/mengisi variabel konfigurasi X_CONSUMER_KEY, X_CONSUMER_SECRET/)
        .waitFor();
      expect(await dialog().getByLabel('Access token secret').count()).toBe(0);
      await dialog().getByRole('button', { name: 'Masuk dengan X' }).waitFor();
      await ui.screens.capture(ui.page, 'accounts-x');

      // X's authorize page, answered by the fake: consent, then back to Karya with the code.
      await ui.page.route('https://x.com/**', async (route) => {
        const { code, state } = x.oauth.consent(route.request().url(), X_USER.id);
        const back = new URL(`${ui.world.baseUrl}/`);
        back.search = new URLSearchParams({ state, code }).toString();
        await route.fulfill({ status: 302, headers: { location: back.toString() } });
      });
      await dialog().getByRole('button', { name: 'Masuk dengan X' }).click();
      await ui.page.getByRole('heading', { name: 'Masuk dengan X' }).waitFor();
      await ui.page.getByText(/Akun X .* tersambung\./).waitFor();
      // The answer moved from the root's query into the return screen's route.
      const landed = new URL(ui.page.url());
      expect(landed.search).toBe('');
      expect(landed.hash).toMatch(/^#\/publikasi\/x\?state=.+&code=xcode-/);
      await ui.screens.capture(ui.page, 'accounts-x-return');

      await ui.page.getByRole('link', { name: 'Kembali ke akun media sosial' }).first().click();
      await rowShows(/@lapas_uji_x/, /X.*Akun sungguhan.*Tersambung/);
      expect(ui.problems()).toEqual([]);
    },
    LONG,
  );

  it(
    'disconnects an account after confirming, and reconnects it',
    async () => {
      await ui.page.getByRole('button', { name: `Putuskan ${PAGE.name}` }).click();
      await dialog()
        .getByText(/Kredensial akun ini dihapus/)
        .waitFor();
      await ui.screens.capture(ui.page, 'accounts-disconnect');
      await dialog().getByRole('button', { name: 'Putuskan', exact: true }).click();
      await ui.page.getByText(`${PAGE.name} telah diputus dan perlu disambungkan ulang.`).waitFor();
      await rowShows(new RegExp(PAGE.name), /Perlu masuk ulang/);
      expect(await statusOf(PAGE.name)).toEqual({ status: 'needs_reauth', credentials: 0 });

      await ui.page.getByRole('button', { name: `Sambungkan ulang ${PAGE.name}` }).click();
      await dialog().getByLabel('Token akses pengguna Facebook').fill(userToken);
      await dialog().getByRole('button', { name: 'Tampilkan Halaman' }).click();
      await dialog()
        .getByRole('checkbox', { name: `Akun Instagram @${PAGE.instagram.username}` })
        .uncheck();
      await dialog().getByRole('button', { name: 'Sambungkan', exact: true }).click();
      await ui.page.getByText(`Tersambung: ${PAGE.name}.`).waitFor();
      await rowShows(new RegExp(PAGE.name), /Tersambung/);
      expect(await statusOf(PAGE.name)).toEqual({ status: 'connected', credentials: 1 });

      // The same screen in English, every text translated (a missing key is a problem).
      await ui.page.getByRole('button', { name: 'English' }).click();
      await ui.page.getByRole('heading', { name: 'Connect an account' }).waitFor();
      await rowShows(new RegExp(PAGE.name), /Live account.*Connected.*Reconnect/);
      await ui.page.getByRole('button', { name: 'Connect X' }).click();
      await dialog().getByRole('button', { name: 'Sign in with X' }).waitFor();
      await ui.screens.capture(ui.page, 'accounts-x-en');
      expect(ui.problems()).toEqual([]);
    },
    LONG,
  );
});
