import { AppError } from '../common/app-error';
import { isNationalRole, Role } from './roles';

export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** Null for national roles. */
  institutionId: string | null;
  locale: 'id' | 'en';
  sessionId: string;
}

/**
 * Who is asking and which institutions they may see. Institution users see only their own;
 * national roles see all, or one when they send the X-Institution-Id header.
 */
export class RequestScope {
  constructor(
    readonly user: AuthUser,
    private readonly selectedInstitutionId: string | null,
  ) {}

  get isNational(): boolean {
    return isNationalRole(this.user.role);
  }

  /** The institution to filter by, or null for "every institution" (national, none selected). */
  get institutionFilter(): string | null {
    return this.isNational ? this.selectedInstitutionId : this.user.institutionId;
  }

  /** True when a row of this institution may be seen; used to turn foreign ids into 404s. */
  canSee(institutionId: string): boolean {
    const filter = this.institutionFilter;
    return filter === null || filter === institutionId;
  }

  /** The institution new rows belong to; national roles must choose one. */
  requireInstitution(): string {
    const id = this.institutionFilter;
    if (!id) {
      throw AppError.validation('X-Institution-Id', {
        id: 'Pilih lembaga dengan header X-Institution-Id',
        en: 'Choose an institution with the X-Institution-Id header',
      });
    }
    return id;
  }
}
