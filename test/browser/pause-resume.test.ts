/**
 * Pause all and resume in a real browser: an admin pauses publishing from the calendar, three
 * posts fall due during the pause, and on resume the admin publishes one now, reschedules one
 * to a local time and cancels the third; the API shows each outcome.
 */
import { expect, it } from '@jest/globals';
import { TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { useBrowserSession } from './helpers/session';
import { logIn } from './helpers/world';

const LONG = 120_000;
const TITLES = ['Batik parang jatuh tempo', 'Kaos sablon jatuh tempo', 'Tas rajut jatuh tempo'];
const DAY_MS = 86_400_000;

describeInBrowser('web UI: pause all and resume', () => {
  const ui = useBrowserSession('pause');

  /** Scheduled posts on the world's sandbox Instagram account, due at `at`. */
  async function duePosts(at: Date): Promise<string[]> {
    const ds = ui.world.t.dataSource;
    const { institution, users } = ui.world;
    const [account]: { id: string }[] = await ds.query(
      `SELECT id FROM social_accounts WHERE institution_id = $1 AND network = 'instagram'`,
      [institution.id],
    );
    const ids: string[] = [];
    for (const title of TITLES) {
      const [post]: { id: string }[] = await ds.query(
        `INSERT INTO posts (institution_id, title, status, drafted_by, last_edited_by, planned_at)
         VALUES ($1, $2, 'scheduled', $3, $3, $4) RETURNING id`,
        [institution.id, title, users.staff.id, at],
      );
      await ds.query(
        `INSERT INTO post_targets (post_id, institution_id, social_account_id, network,
           planned_at, next_attempt_at) VALUES ($1, $2, $3, 'instagram', $4, $4)`,
        [post.id, institution.id, account.id, at],
      );
      ids.push(post.id);
    }
    return ids;
  }

  /** A day at least three days ahead (in WIB) without a blackout, as YYYY-MM-DD. */
  async function freeDay(): Promise<string> {
    for (let ahead = 3; ahead < 30; ahead += 1) {
      const day = new Date(Date.now() + 7 * 3_600_000 + ahead * DAY_MS).toISOString().slice(0, 10);
      const [hit] = await ui.world.t.dataSource.query(
        `SELECT 1 FROM blackout_dates WHERE (institution_id = $1 OR institution_id IS NULL)
           AND starts_on <= $2 AND ends_on >= $2`,
        [ui.world.institution.id, day],
      );
      if (!hit) return day;
    }
    throw new Error('No day without a blackout in the next month');
  }

  const api = async (path: string) => {
    const response = await ui.page.request.get(`${ui.world.baseUrl}${path}`);
    expect(response.status()).toBe(200);
    return response.json();
  };

  it(
    'pauses, then resumes deciding per post that fell due',
    async () => {
      await ui.page.goto(ui.world.baseUrl);
      await logIn(ui.page, ui.world.users.admin.email, TEST_PASSWORD);
      await ui.goto('#/kalender');
      await ui.page.getByRole('button', { name: 'Jeda semua publikasi' }).click();
      const dialog = ui.page.getByRole('dialog');
      await dialog.getByLabel('Alasan jeda').fill('Pemeliharaan sistem lembaga');
      await dialog.getByRole('button', { name: 'Jeda sekarang' }).click();
      await ui.page.getByText('Semua publikasi sedang dijeda').waitFor();

      // Three posts fall due while publishing is paused (the dispatcher does not run here).
      const { pauses } = await api('/api/publishing/pause');
      const due = new Date(new Date(pauses[0].pausedAt).getTime() + 1000);
      const [now, later, cancelled] = await duePosts(due);
      await ui.page.waitForTimeout(Math.max(0, due.getTime() + 500 - Date.now()));

      await ui.page.getByRole('button', { name: 'Lanjutkan publikasi' }).click();
      await dialog.getByRole('group', { name: TITLES[0] }).waitFor();
      const choice = (title: string) => dialog.getByRole('group', { name: title });
      await choice(TITLES[1]).getByRole('radio', { name: 'Jadwalkan ulang' }).check();
      await choice(TITLES[2]).getByRole('radio', { name: 'Batalkan postingan' }).check();
      await dialog.getByRole('button', { name: 'Lanjutkan publikasi' }).click();
      // A reschedule without its new time is refused before anything is sent.
      await dialog.getByText('Isi waktu baru untuk penjadwalan ulang.').first().waitFor();

      const day = await freeDay();
      await dialog.getByLabel('Waktu baru (Asia/Jakarta +07:00)').fill(`${day}T10:30`);
      await ui.screens.capture(ui.page, 'resume');
      await dialog.getByRole('button', { name: 'Lanjutkan publikasi' }).click();
      await ui.page.getByText('Publikasi dilanjutkan.').waitFor();
      await ui.page.getByRole('button', { name: 'Jeda semua publikasi' }).waitFor();
      await ui.screens.capture(ui.page, 'resumed');

      expect((await api('/api/publishing/pause')).paused).toBe(false);
      const published = await api(`/api/posts/${now}`);
      expect(published.status).toBe('scheduled');
      expect(Math.abs(new Date(published.plannedAt).getTime() - Date.now())).toBeLessThan(60_000);
      const moved = await api(`/api/posts/${later}`);
      expect(moved.status).toBe('scheduled');
      expect(new Date(moved.plannedAt).toISOString()).toBe(
        new Date(`${day}T10:30:00+07:00`).toISOString(),
      );
      expect((await api(`/api/posts/${cancelled}`)).status).toBe('cancelled');
      expect(ui.problems()).toEqual([]);
    },
    LONG,
  );
});
