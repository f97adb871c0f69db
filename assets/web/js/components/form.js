import { useId } from 'preact/hooks';
import { html } from '../lib/html.js';

function describedBy(...ids) {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

/**
 * The wrapper every single-control field shares: label (with the required mark), hint, the
 * control and its error. control(id, described) renders the control; `described` carries
 * aria-describedby (hint, error) and aria-invalid for it.
 */
function Field({ id, label, hint, error, required, className = '', control }) {
  const auto = useId();
  const fieldId = id ?? auto;
  const described = {
    'aria-describedby': describedBy(hint && `${fieldId}-hint`, error && `${fieldId}-error`),
    'aria-invalid': error ? 'true' : undefined,
  };
  return html`<div class="field ${error ? 'has-error' : ''} ${className}">
    <label for=${fieldId}>
      ${label}${required && html`<span class="required" aria-hidden="true"> *</span>`}
    </label>
    ${hint && html`<p class="hint" id=${`${fieldId}-hint`}>${hint}</p>`}
    ${control(fieldId, described)}
    ${error && html`<p class="field-error" id=${`${fieldId}-error`}>${error}</p>`}
  </div>`;
}

/** A labelled input; every other prop goes to the <input>. */
export function TextField({ label, hint, error, className, id, ...input }) {
  return html`<${Field}
    ...${{ id, label, hint, error, className, required: input.required }}
    control=${(fieldId, described) =>
      html`<input id=${fieldId} type="text" ...${described} ...${input} />`}
  />`;
}

export function TextArea({ label, hint, error, className, id, ...input }) {
  return html`<${Field}
    ...${{ id, label, hint, error, className, required: input.required }}
    control=${(fieldId, described) =>
      html`<textarea id=${fieldId} rows="4" ...${described} ...${input} />`}
  />`;
}

/** options: [{ value, label }] */
export function SelectField({ label, hint, error, options, className, id, ...select }) {
  return html`<${Field}
    ...${{ id, label, hint, error, className, required: select.required }}
    control=${(fieldId, described) =>
      html`<select id=${fieldId} ...${described} ...${select}>
        ${options.map((o) => html`<option key=${o.value} value=${o.value}>${o.label}</option>`)}
      </select>`}
  />`;
}

export function Checkbox({ label, hint, checked, onChange, ...input }) {
  const id = useId();
  return html`<div class="check">
    <input
      id=${id}
      type="checkbox"
      checked=${checked}
      onChange=${onChange}
      aria-describedby=${hint ? `${id}-hint` : undefined}
      ...${input}
    />
    <label for=${id}>${label}</label>
    ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
  </div>`;
}

/** A group of checkboxes (values: array) or radios (value: string) in a fieldset. */
export function ChoiceGroup({ legend, hint, error, type = 'checkbox', options, value, onChange }) {
  const id = useId();
  const chosen = (v) => (type === 'checkbox' ? value.includes(v) : value === v);
  const toggle = (v) => {
    if (type !== 'checkbox') onChange(v);
    else onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v]);
  };
  return html`<fieldset
    class="field choices ${error ? 'has-error' : ''}"
    aria-describedby=${describedBy(hint && `${id}-hint`, error && `${id}-error`)}
  >
    <legend>${legend}</legend>
    ${hint && html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
    <div class="choice-list">
      ${options.map(
        (o) =>
          html`<div class="check" key=${o.value}>
            <input
              id=${`${id}-${o.value}`}
              type=${type}
              name=${id}
              value=${o.value}
              checked=${chosen(o.value)}
              onChange=${() => toggle(o.value)}
            />
            <label for=${`${id}-${o.value}`}>${o.label}</label>
          </div>`,
      )}
    </div>
    ${error && html`<p class="field-error" id=${`${id}-error`}>${error}</p>`}
  </fieldset>`;
}

/** A submit button that says what it is doing while busy. */
export function SubmitButton({ busy, label, busyLabel, kind = 'primary', disabled }) {
  return html`<button
    type="submit"
    class="btn btn-${kind}"
    disabled=${busy || disabled}
    aria-busy=${busy ? 'true' : undefined}
  >
    ${busy ? busyLabel : label}
  </button>`;
}

/**
 * A file picker whose words follow the UI language (the native one speaks the browser's):
 * the real input stays focusable but hidden; its second label looks like a button.
 */
export function FileField({ label, hint, error, accept, file, onChange, chooseLabel, noneLabel }) {
  return html`<${Field}
    ...${{ label, hint, error }}
    control=${(id, described) =>
      html`<div class="file-picker">
        <input
          id=${id}
          class="visually-hidden"
          type="file"
          accept=${accept}
          ...${described}
          aria-describedby=${describedBy(described['aria-describedby'], `${id}-name`)}
          onChange=${(e) => onChange(e.currentTarget.files?.[0] ?? null)}
        />
        <label for=${id} class="btn btn-secondary">${chooseLabel}</label>
        <span id=${`${id}-name`} class="file-name">${file ? file.name : noneLabel}</span>
      </div>`}
  />`;
}
