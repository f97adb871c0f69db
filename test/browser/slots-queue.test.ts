/**
 * Slots and queue in a real browser: an admin gives the sandbox Instagram account slots on
 * Monday, Wednesday and Friday at 10:00 and 19:00 (a 24:00 is refused on its own row first),
 * two approved posts are queued (one from the post's page, one through the API) and show in
 * slot order; moving the second up by keyboard reorders the queue, and shuffling keeps the
 * same slots.
 */
import { expect, it } from '@jest/globals';
import { TEST_PASSWORD } from '../support/factories';
import { describeInBrowser } from './helpers/browser';
import { useBrowserSession } from './helpers/session';
import { logIn } from './helpers/world';

const LONG = 120_000;
const SLOTS = [
  { weekday: '1', time: '10:00' },
  { weekday: '1', time: '19:00' },
  { weekday: '3', time: '10:00' },
  { weekday: '3', time: '19:00' },
  { weekday: '5', time: '10:00' },
  { weekday: '5', time: '19:00' },
];
const TITLES = ['Batik parang dalam antrean', 'Kaos sablon dalam antrean'];

interface QueueItem {
  postId: string;
  title: string;
  plannedAt: string;
}

describeInBrowser('web UI: posting slots and the queue', () => {
  const ui = useBrowserSession('slots-queue');

  const api = async (path: string, method: 'get' | 'post' = 'get') => {
    const response = await ui.page.request[method](`${ui.world.baseUrl}${path}`);
    expect(response.status()).toBe(200);
    return response.json();
  };

  /** Approved posts aimed at the account, not yet on the calendar. */
  async function approvedPosts(accountId: string): Promise<string[]> {
    const ds = ui.world.t.dataSource;
    const { institution, users } = ui.world;
    const ids: string[] = [];
    for (const title of TITLES) {
      const [post]: { id: string }[] = await ds.query(
        `INSERT INTO posts (institution_id, title, status, drafted_by, last_edited_by,
           approved_by, approved_at)
         VALUES ($1, $2, 'approved', $3, $3, $4, now()) RETURNING id`,
        [institution.id, title, users.staff.id, users.approver.id],
      );
      await ds.query(
        `INSERT INTO post_variants (post_id, institution_id, network, caption)
         VALUES ($1, $2, 'instagram', $3)`,
        [post.id, institution.id, `${title} karya warga binaan`],
      );
      await ds.query(
        `INSERT INTO post_targets (post_id, institution_id, social_account_id, network, status)
         VALUES ($1, $2, $3, 'instagram', 'pending')`,
        [post.id, institution.id, accountId],
      );
      ids.push(post.id);
    }
    return ids;
  }

  const slotRow = (row: number) => ui.page.getByRole('group', { name: `Slot ${row}` });
  const queueTitles = () =>
    ui.page
      .getByRole('table', { name: /^Antrean / })
      .getByRole('rowheader')
      .allTextContents();

  it(
    'edits the slots, then reorders and shuffles the queue',
    async () => {
      const [account]: { id: string }[] = await ui.world.t.dataSource.query(
        `SELECT id FROM social_accounts WHERE institution_id = $1 AND network = 'instagram'`,
        [ui.world.institution.id],
      );
      await ui.page.goto(ui.world.baseUrl);
      await logIn(ui.page, ui.world.users.admin.email, TEST_PASSWORD);
      await ui.goto('#/kalender');
      await ui.page.getByRole('link', { name: 'Slot & antrean' }).click();
      await ui.page.getByLabel('Akun media sosial').selectOption(account.id);
      await ui.page.getByText('Akun ini belum memiliki slot posting.').waitFor();
      await ui.page.getByText('Antrean akun ini kosong').waitFor();
      await ui.page.getByText('Zona waktu: Asia/Jakarta +07:00.').waitFor();

      // Six slots, the second typed as 24:00: the refusal names that row.
      for (const [index, slot] of SLOTS.entries()) {
        await ui.page.getByRole('button', { name: 'Tambah slot' }).click();
        await slotRow(index + 1)
          .getByLabel('Hari')
          .selectOption(slot.weekday);
        await slotRow(index + 1)
          .getByLabel('Jam')
          .fill(index === 1 ? '24:00' : slot.time);
      }
      await ui.page.getByRole('button', { name: 'Simpan slot' }).click();
      await ui.page.getByText('Slot 2 perlu diperbaiki.').waitFor();
      const badTime = slotRow(2).getByLabel('Jam');
      await expect(badTime.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(slotRow(2).locator('.field-error').textContent()).resolves.toContain(
        '24:00 tidak berlaku',
      );
      await expect(slotRow(1).locator('.field-error').count()).resolves.toBe(0);
      await ui.screens.capture(ui.page, 'slot-refused');

      await badTime.fill('19:00');
      // Editing drops the stale error, which might otherwise point at another row.
      await expect(slotRow(2).locator('.field-error').count()).resolves.toBe(0);
      await ui.page.getByRole('button', { name: 'Simpan slot' }).click();
      await ui.page.getByText('Slot posting disimpan.').waitFor();
      const saved = await api(`/api/social-accounts/${account.id}/slots`);
      expect(saved.slots).toEqual(SLOTS.map((s) => ({ weekday: Number(s.weekday), time: s.time })));

      // Two approved posts go into the queue: one from its page, one through the API.
      const [first, second] = await approvedPosts(account.id);
      await ui.goto(`#/konten/${first}`);
      await ui.page.getByRole('button', { name: 'Masukkan ke slot antrean berikutnya' }).click();
      await ui.page.getByText('Postingan dimasukkan ke slot antrean berikutnya.').waitFor();
      await api(`/api/posts/${second}/queue`, 'post');

      await ui.goto(`#/kalender/antrean?akun=${account.id}`);
      await ui.page.getByRole('button', { name: `Naikkan “${TITLES[1]}”` }).waitFor();
      expect(await queueTitles()).toEqual(TITLES);
      const before: QueueItem[] = (await api(`/api/social-accounts/${account.id}/queue`)).items;
      expect(before.map((i) => i.postId)).toEqual([first, second]);
      expect(new Date(before[0].plannedAt).getTime()).toBeLessThan(
        new Date(before[1].plannedAt).getTime(),
      );
      await ui.screens.capture(ui.page, 'queue');

      // Move the second post up with the keyboard; the new position is announced.
      await ui.page.getByRole('button', { name: `Naikkan “${TITLES[1]}”` }).focus();
      await ui.page.keyboard.press('Enter');
      await ui.page.getByText(`“${TITLES[1]}” sekarang di urutan 1 dari 2.`).waitFor();
      expect(await queueTitles()).toEqual([TITLES[1], TITLES[0]]);
      const focused = await ui.page.evaluate(() => (globalThis as any).document.activeElement?.id);
      expect(focused).toBe(`queue-down-${second}`);
      const moved: QueueItem[] = (await api(`/api/social-accounts/${account.id}/queue`)).items;
      expect(moved.map((i) => i.postId)).toEqual([second, first]);
      expect(moved.map((i) => i.plannedAt)).toEqual(before.map((i) => i.plannedAt));

      // Shuffling permutes the same two posts over the same two slots.
      await ui.page.getByRole('button', { name: 'Acak antrean' }).click();
      await ui.page.getByText('Antrean diacak.').waitFor();
      const shuffled: QueueItem[] = (await api(`/api/social-accounts/${account.id}/queue`)).items;
      expect(shuffled.map((i) => i.postId).sort()).toEqual([first, second].sort());
      expect(shuffled.map((i) => i.plannedAt)).toEqual(before.map((i) => i.plannedAt));
      expect(await queueTitles()).toEqual(shuffled.map((i) => i.title));
      await ui.screens.capture(ui.page, 'queue-shuffled');

      // A manager reads the slots and the queue but cannot change them.
      await ui.logOut();
      await logIn(ui.page, ui.world.users.manager.email, TEST_PASSWORD);
      await ui.goto(`#/kalender/antrean?akun=${account.id}`);
      await ui.page.getByRole('listitem').filter({ hasText: 'Jumat 19:00' }).waitFor();
      expect(await queueTitles()).toEqual(shuffled.map((i) => i.title));
      for (const name of ['Tambah slot', 'Simpan slot', 'Acak antrean', /^Naikkan/]) {
        await expect(ui.page.getByRole('button', { name }).count()).resolves.toBe(0);
      }
      await ui.screens.capture(ui.page, 'read-only');
      expect(ui.problems()).toEqual([]);
    },
    LONG,
  );
});
