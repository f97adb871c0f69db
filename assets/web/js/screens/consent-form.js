import { useState } from 'preact/hooks';
import { Alert, ErrorAlert } from '../components/feedback.js';
import {
  Checkbox,
  ChoiceGroup,
  FileField,
  SubmitButton,
  TextArea,
  TextField,
} from '../components/form.js';
import { Page } from '../components/page.js';
import { api, ApiError } from '../lib/api.js';
import { todayIn } from '../lib/format.js';
import { fieldError, useForm, useSubmit } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';
import { notify } from '../lib/notice.js';
import { href, navigate } from '../lib/router.js';
import { currentInstitution } from '../lib/session.js';

export const CHANNELS = ['instagram', 'facebook', 'x', 'catalogue', 'print'];

function toForm(values, evidence) {
  const invalid = (field, key) => new ApiError(400, { field, message: t(key) });
  if (!values.subjectName.trim()) throw invalid('subjectName', 'consent.subjectRequired');
  if (!values.purpose.trim()) throw invalid('purpose', 'consent.purposeRequired');
  if (values.channels.length === 0) throw invalid('channels', 'consent.channelsRequired');
  if (!values.validFrom) throw invalid('validFrom', 'consent.validFromRequired');
  // Multipart, so the signed form can travel with the record in one request.
  const form = new FormData();
  form.append('subjectName', values.subjectName);
  form.append('subjectIsMinor', String(values.subjectIsMinor));
  form.append('purpose', values.purpose);
  for (const channel of values.channels) form.append('channels', channel);
  form.append('validFrom', values.validFrom);
  if (values.validUntil) form.append('validUntil', values.validUntil);
  if (evidence) form.append('evidence', evidence);
  return form;
}

export function ConsentFormScreen() {
  const institution = currentInstitution();
  const form = useForm({
    subjectName: '',
    purpose: '',
    channels: [],
    validFrom: todayIn(institution?.timeZone),
    validUntil: '',
    subjectIsMinor: false,
  });
  const [evidence, setEvidence] = useState(null);
  const { submit, busy, error } = useSubmit(async () => {
    const saved = await api.upload('/api/consents', toForm(form.values, evidence), () => {});
    notify(t('consent.saved'), `/media/persetujuan/${saved.id}`);
    navigate(`/media/persetujuan/${saved.id}`);
  });
  const { values } = form;
  return html`<${Page}
    title=${t('consent.new')}
    back=${{ href: href('/media/persetujuan'), label: t('consent.register') }}
  >
    <form class="form narrow" onSubmit=${submit} novalidate>
      <${ErrorAlert} error=${error} />
      ${!institution && html`<${Alert} kind="warning">${t('common.chooseInstitution')}<//>`}
      <p class="hint">${t('common.requiredNote')}</p>
      <${TextField}
        label=${t('consent.subject')}
        required
        maxlength="200"
        hint=${t('consent.subjectHint')}
        autocomplete="off"
        error=${fieldError(error, 'subjectName')}
        ...${form.bind('subjectName')}
      />
      <${TextArea}
        label=${t('consent.purpose')}
        required
        maxlength="1000"
        rows="3"
        hint=${t('consent.purposeHint')}
        error=${fieldError(error, 'purpose')}
        ...${form.bind('purpose')}
      />
      <${ChoiceGroup}
        legend=${t('consent.channels')}
        hint=${t('consent.channelsHint')}
        value=${values.channels}
        error=${fieldError(error, 'channels')}
        onChange=${(channels) => form.set('channels', channels)}
        options=${CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
      />
      <div class="form-grid">
        <${TextField}
          label=${t('consent.validFrom')}
          type="date"
          required
          error=${fieldError(error, 'validFrom')}
          ...${form.bind('validFrom')}
        />
        <${TextField}
          label=${t('consent.validUntil')}
          type="date"
          hint=${t('consent.validUntilHint')}
          error=${fieldError(error, 'validUntil')}
          ...${form.bind('validUntil')}
        />
      </div>
      <${Checkbox}
        label=${t('consent.isMinor')}
        hint=${t('consent.isMinorHint')}
        checked=${values.subjectIsMinor}
        onChange=${(e) => form.set('subjectIsMinor', e.currentTarget.checked)}
      />
      ${
        values.subjectIsMinor &&
        html`<${Alert} kind="warning" title=${t('consent.minorWarningTitle')}>
          <p>${t('consent.minorWarning')}</p>
        <//>`
      }
      <${FileField}
        label=${t('consent.evidence')}
        hint=${t('consent.evidenceHint')}
        accept="application/pdf,image/jpeg,image/png,image/webp,image/heic"
        file=${evidence}
        onChange=${setEvidence}
        error=${fieldError(error, 'evidence')}
        chooseLabel=${t('common.chooseFile')}
        noneLabel=${t('common.noFile')}
      />
      <div class="form-actions">
        <${SubmitButton}
          busy=${busy}
          disabled=${!institution}
          label=${t('consent.save')}
          busyLabel=${t('common.saving')}
        />
        <a class="btn btn-secondary" href=${href('/media/persetujuan')}>${t('common.cancel')}</a>
      </div>
    </form>
  <//>`;
}
