import { AccountScreen } from './screens/account.js';
import { XReturnScreen } from './screens/account-connect.js';
import { AuditScreen } from './screens/audit.js';
import { CalendarScreen } from './screens/calendar.js';
import { ComposerScreen } from './screens/composer.js';
import { ConsentDetailScreen } from './screens/consent-detail.js';
import { ConsentFormScreen } from './screens/consent-form.js';
import { ConsentListScreen } from './screens/consent-list.js';
import { DashboardScreen } from './screens/dashboard.js';
import { MediaDetailScreen } from './screens/media-detail.js';
import { MediaLibraryScreen } from './screens/media-library.js';
import { NotificationsScreen } from './screens/notifications.js';
import { BlackoutScreen, PlanningScreen } from './screens/planning.js';
import { PostDetailScreen } from './screens/post-detail.js';
import { PostListScreen } from './screens/post-list.js';
import { QueueScreen } from './screens/queue.js';
import { ProductFormScreen } from './screens/product-form.js';
import { ProductListScreen } from './screens/product-list.js';
import { AccountsScreen, SandboxFeedScreen } from './screens/publishing.js';
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
  { pattern: '/konten', screen: PostListScreen },
  { pattern: '/konten/baru', screen: ComposerScreen, permission: 'content.write' },
  {
    pattern: '/konten/tinjauan',
    screen: PostListScreen,
    permission: 'content.approve',
    props: { review: true },
  },
  { pattern: '/konten/:id', screen: PostDetailScreen },
  { pattern: '/konten/:id/ubah', screen: ComposerScreen, permission: 'content.write' },
  { pattern: '/kalender', screen: CalendarScreen },
  { pattern: '/kalender/rencana', screen: PlanningScreen },
  { pattern: '/kalender/libur', screen: BlackoutScreen },
  { pattern: '/kalender/antrean', screen: QueueScreen },
  { pattern: '/publikasi', screen: AccountsScreen },
  { pattern: '/publikasi/sandbox', screen: SandboxFeedScreen },
  { pattern: '/publikasi/x', screen: XReturnScreen, permission: 'accounts.manage' },
  { pattern: '/dasbor', screen: DashboardScreen, permission: 'reports.read' },
  { pattern: '/notifikasi', screen: NotificationsScreen },
];
