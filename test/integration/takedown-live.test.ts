/** Takedown through the real SDKs: posts published on the Graph and X fakes are deleted there. */
import { describe, expect, it } from '@jest/globals';
import { DispatcherService } from '../../src/publishing/dispatcher/dispatcher.service';
import { seedLiveInstitution, useLiveFakesApp } from '../support/live-world';
import { uploadPhoto } from './posts-fixtures';

const live = useLiveFakesApp();

describe('takedown on the platform fakes', () => {
  it('deletes the published posts on every network and records it', async () => {
    const { t, fakes } = live;
    const { institutionId, staff, tag } = await seedLiveInstitution(live, {
      perNetwork: 1,
      targets: 3,
      tagPrefix: 'Turun',
    });
    await t.app.get(DispatcherService).runOnce();
    const onPlatforms = () =>
      [...fakes.postsByCaption().entries()].filter(([caption]) => caption.startsWith(tag));
    expect(onPlatforms()).toHaveLength(3);

    // The three posts used a photo whose consent is then withdrawn.
    const consent = await t
      .http()
      .post('/api/consents')
      .set(staff.auth)
      .send({
        subjectName: 'Dewi Lestari Uji',
        subjectIsMinor: false,
        purpose: 'Foto promosi kemeja batik di media sosial',
        channels: ['instagram', 'facebook', 'x'],
        validFrom: '2020-01-01',
      })
      .expect(201);
    const photo = await uploadPhoto(t, staff.auth, { consentRecordId: consent.body.id });
    await t.dataSource.query(
      `INSERT INTO post_media (post_id, institution_id, position, media_asset_id)
       SELECT id, institution_id, 0, $2 FROM posts WHERE institution_id = $1`,
      [institutionId, photo],
    );
    const withdrawal = await t
      .http()
      .post(`/api/consents/${consent.body.id}/withdraw`)
      .set(staff.auth)
      .send({ reason: 'Subjek menarik persetujuan' })
      .expect(200);
    const taskId = withdrawal.body.takedownTask.id as string;

    const res = await t
      .http()
      .post(`/api/takedown-tasks/${taskId}/remove-posts`)
      .set(staff.auth)
      .expect(200);
    const outcomes = res.body.items
      .map((i: { network: string; status: string }) => `${i.network}:${i.status}`)
      .sort();
    expect(outcomes).toEqual(['facebook:removed', 'instagram:removed', 'x:removed']);
    expect(onPlatforms()).toEqual([]);
    const down = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM post_targets
       WHERE institution_id = $1 AND taken_down_at IS NOT NULL`,
      [institutionId],
    );
    expect(down[0].n).toBe(3);
  });
});
