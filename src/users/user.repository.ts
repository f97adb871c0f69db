import { containsPattern } from '../common/like-pattern';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import { Role } from '../auth/roles';
import { User } from '../auth/user.entity';
import { AppError } from '../common/app-error';

export interface UserListFilter {
  /** Null: every user, national ones included (national roles without a selection). */
  institutionId: string | null;
  role?: Role;
  isActive?: boolean;
  q?: string;
  offset: number;
  limit: number;
}

export type NewUser = Pick<
  User,
  'institutionId' | 'email' | 'displayName' | 'role' | 'passwordHash' | 'locale'
>;
export type UserChanges = Partial<Pick<User, 'displayName' | 'role' | 'locale' | 'isActive'>>;

function isEmailConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driver = error.driverError as { code?: string; constraint?: string };
  return driver.code === '23505' && driver.constraint === 'uq_users_email';
}

export function emailTaken(): AppError {
  return AppError.conflict('email', {
    id: 'Email sudah dipakai pengguna lain',
    en: 'The email is already used by another user',
  });
}

/** Users table access. Password hashes are loaded only by the two methods that need them. */
@Injectable()
export class UserRepository {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}

  async list(filter: UserListFilter): Promise<[User[], number]> {
    const query = this.repo.createQueryBuilder('u');
    if (filter.institutionId !== null) {
      query.andWhere('u.institution_id = :institutionId', { institutionId: filter.institutionId });
    }
    if (filter.role) query.andWhere('u.role = :role', { role: filter.role });
    if (filter.isActive !== undefined) {
      query.andWhere('u.is_active = :isActive', { isActive: filter.isActive });
    }
    if (filter.q) {
      query.andWhere('(u.display_name ILIKE :q OR u.email ILIKE :q)', {
        q: containsPattern(filter.q),
      });
    }
    return query
      .orderBy('u.display_name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip(filter.offset)
      .take(filter.limit)
      .getManyAndCount();
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.repository(manager).findOneBy({ id });
  }

  /** Locks the row so concurrent edits of one user serialise. */
  findForUpdate(id: string, manager: EntityManager): Promise<User | null> {
    return manager
      .getRepository(User)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Case-insensitive, as the unique index uq_users_email is. */
  findByEmailWithHash(email: string): Promise<User | null> {
    return this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  async findPasswordHash(id: string): Promise<string | null> {
    const user = await this.repo
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
    return user?.passwordHash ?? null;
  }

  /** Inserts; an email already taken (in any letter case) is a 409 on field email. */
  async insert(values: NewUser, now: Date, manager: EntityManager): Promise<User> {
    const repository = manager.getRepository(User);
    try {
      const result = await repository.insert({
        ...values,
        isActive: true,
        mustChangePassword: false,
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
      });
      return await repository.findOneByOrFail({ id: result.identifiers[0].id as string });
    } catch (error) {
      throw isEmailConflict(error) ? emailTaken() : error;
    }
  }

  async update(id: string, changes: UserChanges, now: Date, manager: EntityManager): Promise<User> {
    const repository = manager.getRepository(User);
    await repository.update({ id }, { ...changes, updatedAt: now });
    return repository.findOneByOrFail({ id });
  }

  async setPassword(
    id: string,
    passwordHash: string,
    mustChangePassword: boolean,
    now: Date,
    manager: EntityManager,
  ): Promise<void> {
    await manager
      .getRepository(User)
      .update({ id }, { passwordHash, mustChangePassword, updatedAt: now });
  }

  /** Plain SQL: a login is not an edit, so updated_at stays as it was. */
  async recordLogin(id: string, now: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE users SET last_login_at = $2 WHERE id = $1`, [id, now]);
  }

  private repository(manager?: EntityManager): Repository<User> {
    return manager ? manager.getRepository(User) : this.repo;
  }
}
