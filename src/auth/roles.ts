/** Roles and what each may do. Pure data: guards and tests both read this matrix. */
export enum Role {
  Staff = 'staff',
  Approver = 'approver',
  Manager = 'manager',
  Admin = 'admin',
  NationalAdmin = 'national_admin',
  NationalManager = 'national_manager',
}

export const ROLES = Object.values(Role);

export enum Permission {
  /** See the institution's catalogue, media, posts and calendar. */
  Read = 'read',
  CatalogueWrite = 'catalogue.write',
  MediaWrite = 'media.write',
  ConsentManage = 'consent.manage',
  ContentWrite = 'content.write',
  ContentApprove = 'content.approve',
  CalendarWrite = 'calendar.write',
  ReportsRead = 'reports.read',
  AuditRead = 'audit.read',
  UsersManage = 'users.manage',
  InstitutionManage = 'institution.manage',
  AccountsManage = 'accounts.manage',
  PublishingPause = 'publishing.pause',
  /** Create institutions; national admins only. */
  InstitutionCreate = 'institution.create',
  /** Read the national roll-up across institutions; national roles only. */
  ReportsNational = 'reports.national',
}

const STAFF_WORK = [
  Permission.Read,
  Permission.CatalogueWrite,
  Permission.MediaWrite,
  Permission.ConsentManage,
  Permission.ContentWrite,
  Permission.CalendarWrite,
];
const ADMINISTRATION = [
  Permission.AuditRead,
  Permission.UsersManage,
  Permission.InstitutionManage,
  Permission.AccountsManage,
  Permission.PublishingPause,
  Permission.ReportsRead,
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  [Role.Staff]: new Set(STAFF_WORK),
  // Authorised officers (Kasi/Kabid) sign off and may also do the staff's work, but never
  // approve their own drafts (four-eyes is enforced per post).
  [Role.Approver]: new Set([...STAFF_WORK, Permission.ContentApprove, Permission.ReportsRead]),
  [Role.Manager]: new Set([Permission.Read, Permission.ReportsRead]),
  [Role.Admin]: new Set([...STAFF_WORK, ...ADMINISTRATION]),
  [Role.NationalAdmin]: new Set([
    ...STAFF_WORK,
    ...ADMINISTRATION,
    Permission.InstitutionCreate,
    Permission.ReportsNational,
  ]),
  [Role.NationalManager]: new Set([
    Permission.Read,
    Permission.ReportsRead,
    Permission.ReportsNational,
  ]),
};

export function isNationalRole(role: Role): boolean {
  return role === Role.NationalAdmin || role === Role.NationalManager;
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}
