import { SOCIAL_NETWORKS, type SocialNetwork } from '../../content/rendering/template';
import type { NewSocialAccount } from './social-account.repository';

/** The local key of an institution's standard sandbox account on each network. */
export const DEFAULT_SANDBOX_EXTERNAL_ID = 'sandbox:default';

const NETWORK_LABELS: Record<SocialNetwork, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  x: 'X',
};

/** One clearly labelled sandbox account per network, e.g. "Sandbox Instagram — Lapas …". */
export function defaultSandboxAccounts(institution: {
  id: string;
  name: string;
  slug: string;
}): NewSocialAccount[] {
  const handle = `sandbox_${institution.slug.replace(/[^A-Za-z0-9]+/g, '_')}`.slice(0, 50);
  return SOCIAL_NETWORKS.map((network) => ({
    institutionId: institution.id,
    network,
    kind: 'sandbox',
    displayName: `Sandbox ${NETWORK_LABELS[network]} — ${institution.name}`,
    handle,
    externalId: DEFAULT_SANDBOX_EXTERNAL_ID,
    status: 'connected',
  }));
}
