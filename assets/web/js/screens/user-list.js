import { Alert, Badge } from '../components/feedback.js';
import { SelectField, TextField } from '../components/form.js';
import { FilterBar, Page } from '../components/page.js';
import { ListTable, pageOf } from '../components/table.js';
import { api } from '../lib/api.js';
import { filterKey, hasFilters, pickFilters } from '../lib/filters.js';
import { formatDateTime } from '../lib/format.js';
import { useForm, useResource } from '../lib/hooks.js';
import { html } from '../lib/html.js';
import { t, tEnum } from '../lib/i18n.js';
import { useNotice } from '../lib/notice.js';
import { href, navigate } from '../lib/router.js';
import { currentInstitution, isNational, sessionStore } from '../lib/session.js';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'role', 'active'];
const PATH = '/pengguna';
const INSTITUTION_ROLES = ['staff', 'approver', 'manager', 'admin'];
const NATIONAL_ROLES = ['national_admin', 'national_manager'];

/** Roles the signed-in admin may give: national ones only by a national admin. */
export function assignableRoles() {
  return isNational(sessionStore.get().me)
    ? [...INSTITUTION_ROLES, ...NATIONAL_ROLES]
    : INSTITUTION_ROLES;
}

function UserFilters({ query }) {
  const form = useForm(pickFilters(query, FILTERS));
  return html`<${FilterBar}
    label=${t('user.filters')}
    onSubmit=${() => navigate(PATH, form.values)}
    onReset=${hasFilters(query, FILTERS) ? () => navigate(PATH) : null}
    primary=${html`<${TextField}
      label=${t('common.search')}
      type="search"
      className="grow"
      placeholder=${t('user.searchPlaceholder')}
      ...${form.bind('q')}
    />`}
  >
    <${SelectField}
      label=${t('user.role')}
      ...${form.bind('role')}
      options=${[
        { value: '', label: t('common.all') },
        ...assignableRoles().map((r) => ({ value: r, label: tEnum('role', r) })),
      ]}
    />
    <${SelectField}
      label=${t('user.statusLabel')}
      ...${form.bind('active')}
      options=${[
        { value: '', label: t('common.all') },
        { value: 'true', label: t('user.active') },
        { value: 'false', label: t('user.inactive') },
      ]}
    />
  <//>`;
}

function UserRow({ user, zone }) {
  return html`<tr>
    <th scope="row" data-label=${t('user.name')}>
      <a href=${href(`${PATH}/${user.id}`)}>${user.displayName}</a>
      <span class="cell-sub">${user.email}</span>
    </th>
    <td data-label=${t('user.role')}>${tEnum('role', user.role)}</td>
    <td data-label=${t('user.statusLabel')}>
      <${Badge} kind=${user.isActive ? 'success' : 'neutral'}>
        ${user.isActive ? t('user.active') : t('user.inactive')}
      <//>
    </td>
    <td data-label=${t('user.lastLogin')}>
      ${user.lastLoginAt ? formatDateTime(user.lastLoginAt, zone) : t('user.never')}
    </td>
  </tr>`;
}

export function UserListScreen({ route }) {
  const query = route.query;
  const page = pageOf(query);
  const users = useResource(
    () =>
      api.get('/api/users', {
        q: query.q,
        role: query.role,
        active: query.active,
        page,
        pageSize: PAGE_SIZE,
      }),
    [query.q, query.role, query.active, page],
  );
  const notice = useNotice();
  const zone = currentInstitution()?.timeZone;
  const addButton = html`<a class="btn btn-primary" href=${href(`${PATH}/baru`)}
    >${t('user.add')}</a
  >`;
  return html`<${Page} title=${t('user.title')} actions=${addButton}>
    ${notice && html`<${Alert} kind="success">${notice}<//>`}
    <${UserFilters} key=${filterKey(query, FILTERS)} query=${query} />
    <${ListTable}
      resource=${users}
      caption=${t('user.title')}
      columns=${[
        { label: t('user.name') },
        { label: t('user.role') },
        { label: t('user.statusLabel') },
        { label: t('user.lastLogin') },
      ]}
      row=${(u) => html`<${UserRow} key=${u.id} user=${u} zone=${zone} />`}
      empty=${{ title: t('user.empty'), text: t('user.emptyHint'), action: addButton }}
      noMatch=${{ title: t('user.empty'), text: t('user.emptyHint') }}
      path=${PATH}
      query=${query}
      pageSize=${PAGE_SIZE}
      filters=${FILTERS}
    />
  <//>`;
}
