import { SelectField, TextField } from '../components/form.js';
import { fieldError } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t } from '../lib/i18n.js';

export const MARKETPLACES = ['tokopedia', 'shopee', 'other'];
const MAX_LINKS = 20;

/** The marketplace links of a product, edited as rows; `links` is the form's array. */
export function MarketplaceLinks({ links, onChange, error }) {
  const update = (index, name, value) =>
    onChange(links.map((link, i) => (i === index ? { ...link, [name]: value } : link)));
  const remove = (index) => onChange(links.filter((_, i) => i !== index));
  const add = () => onChange([...links, { marketplace: 'tokopedia', url: '', label: '' }]);
  return html`<fieldset class="field links">
    <legend>${t('product.links')}</legend>
    <p class="hint">${t('product.linksHint')}</p>
    ${links.length === 0 && html`<p class="muted">${t('product.noLinks')}</p>`}
    ${links.map(
      (link, index) =>
        html`<div class="link-row" key=${index}>
          <${SelectField}
            label=${t('product.marketplace')}
            value=${link.marketplace}
            onInput=${(e) => update(index, 'marketplace', e.currentTarget.value)}
            options=${MARKETPLACES.map((m) => ({ value: m, label: t(`marketplace.${m}`) }))}
          />
          <${TextField}
            label=${t('product.linkUrl')}
            type="url"
            inputmode="url"
            className="grow"
            placeholder="https://"
            value=${link.url}
            error=${fieldError(error, `marketplaceLinks[${index}]`)}
            onInput=${(e) => update(index, 'url', e.currentTarget.value)}
          />
          <${TextField}
            label=${t('product.linkLabel')}
            value=${link.label}
            onInput=${(e) => update(index, 'label', e.currentTarget.value)}
          />
          <button type="button" class="btn btn-link danger-text" onClick=${() => remove(index)}>
            ${t('product.removeLink', { number: index + 1 })}
          </button>
        </div>`,
    )}
    ${
      links.length < MAX_LINKS &&
      html`<button type="button" class="btn btn-secondary" onClick=${add}>
        ${t('product.addLink')}
      </button>`
    }
  </fieldset>`;
}
