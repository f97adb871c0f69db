import { AccountScreen } from './screens/account.js';
import { AuditScreen } from './screens/audit.js';
import { ComingSoonScreen } from './screens/coming-soon.js';
import { ConsentDetailScreen } from './screens/consent-detail.js';
import { ConsentFormScreen } from './screens/consent-form.js';
import { ConsentListScreen } from './screens/consent-list.js';
import { MediaDetailScreen } from './screens/media-detail.js';
import { MediaLibraryScreen } from './screens/media-library.js';
import { ProductFormScreen } from './screens/product-form.js';
import { ProductListScreen } from './screens/product-list.js';
import { TakedownDetailScreen } from './screens/takedown-detail.js';
import { TakedownListScreen } from './screens/takedown-list.js';
import { UserFormScreen } from './screens/user-form.js';
import { UserListScreen } from './screens/user-list.js';
import { WorkshopFormScreen } from './screens/workshop-form.js';
import { WorkshopListScreen } from './screens/workshop-list.js';

/**
 * Every screen by hash path. `permission` hides a screen from roles without it (the API
 * refuses them anyway); literal paths come before ':id' patterns of the same shape.
 */
export const ROUTES = [
  { pattern: '/katalog', screen: ProductListScreen },
  { pattern: '/katalog/produk/baru', screen: ProductFormScreen, permission: 'catalogue.write' },
  { pattern: '/katalog/produk/:id', screen: ProductFormScreen },
  { pattern: '/katalog/bengkel', screen: WorkshopListScreen },
  { pattern: '/katalog/bengkel/baru', screen: WorkshopFormScreen, permission: 'catalogue.write' },
  { pattern: '/katalog/bengkel/:id', screen: WorkshopFormScreen },
  { pattern: '/media', screen: MediaLibraryScreen },
  { pattern: '/media/foto/:id', screen: MediaDetailScreen },
  { pattern: '/media/persetujuan', screen: ConsentListScreen },
  { pattern: '/media/persetujuan/baru', screen: ConsentFormScreen, permission: 'consent.manage' },
  { pattern: '/media/persetujuan/:id', screen: ConsentDetailScreen },
  { pattern: '/media/penurunan', screen: TakedownListScreen },
  { pattern: '/media/penurunan/:id', screen: TakedownDetailScreen },
  { pattern: '/pengguna', screen: UserListScreen, permission: 'users.manage' },
  { pattern: '/pengguna/baru', screen: UserFormScreen, permission: 'users.manage' },
  { pattern: '/pengguna/:id', screen: UserFormScreen, permission: 'users.manage' },
  { pattern: '/audit', screen: AuditScreen, permission: 'audit.read' },
  { pattern: '/akun', screen: AccountScreen },
  { pattern: '/konten', screen: ComingSoonScreen, props: { feature: 'content' } },
  { pattern: '/kalender', screen: ComingSoonScreen, props: { feature: 'calendar' } },
  { pattern: '/publikasi', screen: ComingSoonScreen, props: { feature: 'publishing' } },
  { pattern: '/dasbor', screen: ComingSoonScreen, props: { feature: 'dashboard' } },
];
