/**
 * A test file's app publishing to the live platform fakes (Graph API, X, the render host) on a
 * frozen clock, and an institution with live accounts and due targets on them.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { Role } from '../../src/auth/roles';
import { FrozenClock } from '../../src/common/clock';
import {
  type LiveAccount,
  LiveFakes,
  makeLiveAccounts,
  newEncryptionKey,
  seedDueTargets,
} from './live-fixtures';
import { createTestApp, type TestApp } from './app';
import { makeInstitution, makeSignedInUser } from './factories';

export interface LiveFakesApp {
  clock: FrozenClock;
  fakes: LiveFakes;
  /** Set once the file's beforeAll has run. */
  t: TestApp;
}

/** Starts the fakes and the app before the file's tests and stops them after; `env` adds config. */
export function useLiveFakesApp(env: Record<string, string> = {}): LiveFakesApp {
  const clock = new FrozenClock(new Date());
  const live = { clock, fakes: new LiveFakes(() => clock.now()) } as LiveFakesApp;
  beforeAll(async () => {
    await live.fakes.start();
    live.t = await createTestApp({
      clock,
      env: {
        TOKEN_ENCRYPTION_KEY: newEncryptionKey(),
        PUBLIC_BASE_URL: live.fakes.publicBaseUrl,
        GRAPH_API_BASE_URL: live.fakes.graph.url,
        X_API_BASE_URL: live.fakes.x.url,
        X_CLIENT_ID: 'karya-bench-client',
        ...env,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await live.t?.close();
    await live.fakes.stop();
  });
  return live;
}

export interface LiveInstitution {
  institutionId: string;
  staff: Awaited<ReturnType<typeof makeSignedInUser>>;
  accounts: LiveAccount[];
  /** Starts every seeded caption. */
  tag: string;
}

/** A new institution with `perNetwork` live accounts per network and `targets` targets due now. */
export async function seedLiveInstitution(
  { t, fakes, clock }: LiveFakesApp,
  o: { perNetwork: number; targets: number; tagPrefix: string },
): Promise<LiveInstitution> {
  const institutionId = (await makeInstitution(t.dataSource)).id;
  const staff = await makeSignedInUser(t.dataSource, { role: Role.Staff, institutionId });
  const accounts = await makeLiveAccounts(t, fakes, institutionId, o.perNetwork);
  const tag = `${o.tagPrefix}-${institutionId.slice(0, 8)}`;
  await seedDueTargets(t.dataSource, {
    institutionId,
    userId: staff.id,
    accounts,
    count: o.targets,
    dueAt: clock.now(),
    renderToken: fakes.newRenderToken(),
    tag,
  });
  return { institutionId, staff, accounts, tag };
}
