import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, type AuditAction, AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { RequestScope } from '../auth/request-scope';
import { isNationalRole, Role } from '../auth/roles';
import { SessionRepository } from '../auth/session.repository';
import { User } from '../auth/user.entity';
import { definedOnly } from '../common/defined-only';
import { AppError, ErrorCode } from '../common/app-error';
import { Clock } from '../common/clock';
import { type Page, pageOf, pageOffset } from '../common/pagination';
import { InstitutionRepository } from '../institutions/institution.repository';
import {
  CreateUserDto,
  ResetPasswordDto,
  toUserResponse,
  UpdateUserDto,
  UserListQueryDto,
  UserResponse,
} from './user.dto';
import { type UserChanges, UserRepository } from './user.repository';

const NOT_FOUND = { id: 'Pengguna', en: 'User' };

function nationalRoleForbidden(): AppError {
  return new AppError(
    ErrorCode.Forbidden,
    {
      id: 'Hanya admin nasional yang dapat memberikan peran nasional',
      en: 'Only a national admin may give a national role',
    },
    'role',
  );
}

/** User administration within the caller's institution (national admins: any). */
@Injectable()
export class UserService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserRepository,
    private readonly institutions: InstitutionRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(scope: RequestScope, query: UserListQueryDto): Promise<Page<UserResponse>> {
    const [rows, total] = await this.users.list({
      institutionId: scope.institutionFilter,
      role: query.role,
      isActive: query.active,
      q: query.q,
      offset: pageOffset(query),
      limit: query.pageSize,
    });
    return pageOf(rows.map(toUserResponse), total, query);
  }

  async get(scope: RequestScope, id: string): Promise<UserResponse> {
    return toUserResponse(await this.findVisible(scope, id));
  }

  /** National roles belong to no institution; institution roles to the caller's (or selected) one. */
  async create(scope: RequestScope, dto: CreateUserDto): Promise<UserResponse> {
    const national = isNationalRole(dto.role);
    if (national && !scope.isNational) throw nationalRoleForbidden();
    const institutionId = national ? null : scope.requireInstitution();
    if (institutionId && !(await this.institutions.exists(institutionId))) {
      throw AppError.validation('X-Institution-Id', {
        id: 'Lembaga yang dipilih tidak ditemukan',
        en: 'The selected institution does not exist',
      });
    }
    const passwordHash = await hashPassword(dto.password);
    const created = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.insert(
        {
          institutionId,
          email: dto.email,
          displayName: dto.displayName,
          role: dto.role,
          passwordHash,
          locale: dto.locale ?? 'id',
        },
        this.clock.now(),
        manager,
      );
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId,
          action: 'create',
          entityType: 'user',
          entityId: user.id,
          after: toUserResponse(user),
        },
        manager,
      );
      return user;
    });
    return toUserResponse(created);
  }

  async update(scope: RequestScope, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    const current = await this.findVisible(scope, id);
    const changes: UserChanges = definedOnly(dto);
    if (Object.keys(changes).length === 0) return toUserResponse(current);
    if (changes.role !== undefined && changes.role !== current.role) {
      this.checkRoleChange(scope, current, changes.role);
    }
    if (changes.isActive === false && current.id === scope.user.id) {
      throw AppError.validation('isActive', {
        id: 'Anda tidak dapat menonaktifkan akun Anda sendiri',
        en: 'You cannot deactivate your own account',
      });
    }
    const updated = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const before = await this.users.findForUpdate(id, manager);
      if (!before) throw AppError.notFound(NOT_FOUND);
      const after = await this.users.update(id, changes, now, manager);
      let action: AuditAction = 'update';
      if (before.isActive && !after.isActive) {
        action = 'deactivate';
        await this.sessions.revokeAllForUser(id, now, manager);
      } else if (!before.isActive && after.isActive) {
        action = 'activate';
      }
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: after.institutionId,
          action,
          entityType: 'user',
          entityId: id,
          before: toUserResponse(before),
          after: toUserResponse(after),
        },
        manager,
      );
      return after;
    });
    this.sessions.forgetUser(id);
    return toUserResponse(updated);
  }

  /** An admin sets a temporary password: every session ends and the user must choose a new one. */
  async resetPassword(scope: RequestScope, id: string, dto: ResetPasswordDto): Promise<void> {
    const target = await this.findVisible(scope, id);
    if (target.id === scope.user.id) {
      throw AppError.validation('id', {
        id: 'Gunakan ganti kata sandi untuk akun Anda sendiri',
        en: 'Use change password for your own account',
      });
    }
    const passwordHash = await hashPassword(dto.newPassword);
    await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      await this.users.setPassword(id, passwordHash, true, now, manager);
      await this.sessions.revokeAllForUser(id, now, manager);
      await this.audit.record(
        {
          actor: actorOf(scope),
          institutionId: target.institutionId,
          action: 'password_reset',
          entityType: 'user',
          entityId: id,
          after: { mustChangeOnNextLogin: true, sessionsRevoked: true },
        },
        manager,
      );
    });
    this.sessions.forgetUser(id);
  }

  /**
   * Nobody changes their own role (an admin could lock the institution out of administration),
   * only national admins give national roles, and a user never moves between an institution and
   * the national level (their rows and audit trail belong to one place).
   */
  private checkRoleChange(scope: RequestScope, user: User, role: Role): void {
    if (user.id === scope.user.id) {
      throw AppError.validation('role', {
        id: 'Anda tidak dapat mengubah peran Anda sendiri',
        en: 'You cannot change your own role',
      });
    }
    if (isNationalRole(role) && !scope.isNational) throw nationalRoleForbidden();
    if (isNationalRole(role) !== isNationalRole(user.role)) {
      throw AppError.validation('role', {
        id: 'Peran nasional dan peran lembaga tidak dapat saling ditukar; buat pengguna baru',
        en: 'A user cannot move between national and institution roles; create a new user',
      });
    }
  }

  private async findVisible(scope: RequestScope, id: string): Promise<User> {
    const user = await this.users.findById(id);
    const filter = scope.institutionFilter;
    if (!user || (filter !== null && user.institutionId !== filter)) {
      throw AppError.notFound(NOT_FOUND);
    }
    return user;
  }
}
