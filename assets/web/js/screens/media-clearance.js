import { useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../components/feedback.js';
import { Checkbox, ChoiceGroup, SelectField, SubmitButton } from '../components/form.js';
import { api, ApiError } from '../lib/api.js';
import { formatDate } from '../lib/format.js';
import { fieldError, useResource, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { href } from '../lib/router.js';
import { ClearanceBadge } from './media-tabs.js';

function consentLabel(consent) {
  const until = consent.validUntil ? formatDate(consent.validUntil) : t('consent.untilWithdrawn');
  return `${consent.subjectName} — ${consent.purpose.slice(0, 60)} (${t('consent.validTo', { date: until })})`;
}

/** Active, adult consent records: the only ones that can clear a photo. */
async function linkableConsents() {
  const page = await api.get('/api/consents', { status: 'active', pageSize: 100 });
  return page.items.filter((c) => !c.subjectIsMinor);
}

export function ClearanceStatus({ media }) {
  return html`<div class="clearance-status">
    <${ClearanceBadge} media=${media} />
    <p>${t('media.clearanceIs', { clearance: tEnum('clearance', media.clearance) })}</p>
    ${
      media.usable &&
      html`<p>
        ${t('media.usableOn', {
          channels: media.usableChannels.map((c) => tEnum('channel', c)).join(', '),
        })}
      </p>`
    }
    ${
      media.consentRecordId &&
      html`<p>
        <a href=${href(`/media/persetujuan/${media.consentRecordId}`)}>
          ${t('media.openConsent')}
        </a>
      </p>`
    }
  </div>`;
}

/** Attest "no identifiable person", or link a consent record; both need the attestation box. */
export function ClearanceForm({ media, onSaved }) {
  const [kind, setKind] = useState(
    media.clearance === 'consent' ? 'consent' : 'no_identifiable_person',
  );
  const [consentId, setConsentId] = useState(media.consentRecordId ?? '');
  const [attested, setAttested] = useState(false);
  const consents = useResource(() => linkableConsents(), []);
  const { submit, busy, error } = useSubmit(async () => {
    if (kind === 'consent' && !consentId) {
      throw new ApiError(400, { field: 'consentRecordId', message: t('media.chooseConsent') });
    }
    if (!attested) {
      throw new ApiError(400, { field: 'attestation', message: t('media.attestRequired') });
    }
    const body = { clearance: kind, attestation: true };
    if (kind === 'consent') body.consentRecordId = consentId;
    onSaved(await api.post(`/api/media/${media.id}/clearance`, body));
    setAttested(false);
  });
  const options = consents.data ?? [];
  return html`<form class="form" onSubmit=${submit} novalidate>
    <${ErrorAlert} error=${error} />
    <${ChoiceGroup}
      type="radio"
      legend=${t('media.clearanceKind')}
      value=${kind}
      onChange=${setKind}
      options=${[
        { value: 'no_identifiable_person', label: t('clearance.no_identifiable_person') },
        { value: 'consent', label: t('media.linkConsent') },
      ]}
    />
    ${
      kind === 'consent' &&
      (consents.data && options.length === 0
        ? html`<${Alert} kind="info">
            <p>${t('media.noConsents')}</p>
            <p><a href=${href('/media/persetujuan/baru')}>${t('consent.add')}</a></p>
          <//>`
        : html`<${SelectField}
            label=${t('media.consentRecord')}
            value=${consentId}
            error=${fieldError(error, 'consentRecordId')}
            onInput=${(e) => setConsentId(e.currentTarget.value)}
            options=${[
              {
                value: '',
                label: consents.loading ? t('common.loading') : t('media.chooseConsent'),
              },
              ...options.map((c) => ({ value: c.id, label: consentLabel(c) })),
            ]}
          />`)
    }
    <div class=${fieldError(error, 'attestation') ? 'field has-error' : 'field'}>
      <${Checkbox}
        checked=${attested}
        onChange=${(e) => setAttested(e.currentTarget.checked)}
        label=${kind === 'consent' ? t('media.attestConsent') : t('media.attestNoPerson')}
      />
      ${
        fieldError(error, 'attestation') &&
        html`<p class="field-error">${fieldError(error, 'attestation')}</p>`
      }
    </div>
    <div class="form-actions">
      <${SubmitButton}
        busy=${busy}
        label=${t('media.saveClearance')}
        busyLabel=${t('common.saving')}
      />
    </div>
  </form>`;
}
