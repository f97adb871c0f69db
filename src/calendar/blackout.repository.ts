import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { BlackoutKind } from './blackout';
import { BlackoutDate } from './calendar.entity';
import type { HolidayBlackout } from './holidays';
import type { InstantRange } from './iso-week';
import type { CalendarZone, LocalDate } from './local-time';

export interface NewBlackout {
  institutionId: string | null;
  startDate: LocalDate;
  endDate: LocalDate;
  kind: BlackoutKind;
  label: string;
  createdBy: string;
}

@Injectable()
export class BlackoutRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** National blackouts plus the institution's own touching [from, to] (local dates). */
  async overlapping(
    institutionId: string | null,
    from: LocalDate,
    to: LocalDate,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BlackoutDate[]> {
    const query = manager
      .getRepository(BlackoutDate)
      .createQueryBuilder('b')
      .where('b.starts_on <= :to AND b.ends_on >= :from', { from, to })
      .orderBy('b.starts_on', 'ASC')
      .addOrderBy('b.label', 'ASC');
    if (institutionId === null) query.andWhere('b.institution_id IS NULL');
    else
      query.andWhere('(b.institution_id IS NULL OR b.institution_id = :id)', { id: institutionId });
    return query.getMany();
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager) {
    return manager.findOne(BlackoutDate, { where: { id } });
  }

  async insert(manager: EntityManager, values: NewBlackout): Promise<BlackoutDate> {
    return manager.save(
      BlackoutDate,
      manager.create(BlackoutDate, { ...values, source: 'manual', updatedAt: new Date() }),
    );
  }

  async update(manager: EntityManager, id: string, changes: Partial<NewBlackout>) {
    await manager.update(BlackoutDate, { id }, { ...changes, updatedAt: () => 'now()' });
    return manager.findOneOrFail(BlackoutDate, { where: { id } });
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.delete(BlackoutDate, { id });
  }

  /** Idempotent thanks to uq_blackout_dates_seed; returns how many rows were new. */
  async seedNational(rows: readonly HolidayBlackout[]): Promise<number> {
    let created = 0;
    for (const row of rows) {
      const result: unknown[] = await this.dataSource.query(
        `INSERT INTO blackout_dates (institution_id, starts_on, ends_on, kind, label, source)
         VALUES (NULL, $1, $2, $3, $4, 'seed')
         ON CONFLICT (starts_on, kind, label) WHERE source = 'seed' AND institution_id IS NULL
         DO NOTHING RETURNING id`,
        [row.startDate, row.endDate, row.kind, row.label],
      );
      created += result.length;
    }
    return created;
  }

  /**
   * Flags the posts with a planned target inside `range` that are still to be published; returns
   * their ids. A national blackout is flagged zone by zone (`zone` picks the institutions).
   */
  async flagPlannedPosts(
    manager: EntityManager,
    scope: { institutionId: string } | { zone: CalendarZone },
    range: InstantRange,
    now: Date,
  ): Promise<string[]> {
    const institutionId = 'institutionId' in scope ? scope.institutionId : null;
    const zone = 'zone' in scope ? scope.zone : null;
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected count].
    const [rows]: [{ id: string }[], number] = await manager.query(
      `UPDATE posts p SET blackout_flagged_at = $4
       WHERE p.blackout_flagged_at IS NULL
         AND ($1::uuid IS NULL OR p.institution_id = $1)
         AND ($5::text IS NULL OR p.institution_id IN
              (SELECT i.id FROM institutions i WHERE i.time_zone = $5))
         AND p.status IN ('approved', 'scheduled')
         AND EXISTS (SELECT 1 FROM post_targets t WHERE t.post_id = p.id
                     AND t.planned_at >= $2 AND t.planned_at < $3 AND t.status = 'pending')
       RETURNING p.id`,
      [institutionId, range.start, range.end, now, zone],
    );
    return rows.map((r) => r.id);
  }
}
