import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ImageTemplate } from './image-template.entity';

export type NewImageTemplate = Omit<ImageTemplate, 'id'>;

/** Rows of the same template: same institution (NULL for built-ins) and key. */
const SAME_TEMPLATE = `n.key = t.key AND n.institution_id IS NOT DISTINCT FROM t.institution_id`;

@Injectable()
export class ImageTemplateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts a built-in version unless it exists; an existing row is left exactly as it is. ON
   * CONFLICT makes processes starting together safe. Returns the new row's id, or null.
   */
  async insertBuiltInIfMissing(
    row: NewImageTemplate,
    manager: EntityManager,
  ): Promise<string | null> {
    const result: { id: string }[] = await manager.query(
      `INSERT INTO image_templates (institution_id, key, version, name, networks, definition, is_builtin, created_at)
       VALUES (NULL, $1, $2, $3, $4, $5, true, $6)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [row.key, row.version, row.name, row.networks, row.definition, row.createdAt],
    );
    return result[0]?.id ?? null;
  }

  findBuiltIns(): Promise<ImageTemplate[]> {
    return this.dataSource.manager.find(ImageTemplate, { where: { isBuiltin: true } });
  }

  /** The newest version of every built-in and of every template of the filter (null: all). */
  listLatest(
    institutionFilter: string | null,
    offset: number,
    limit: number,
  ): Promise<[ImageTemplate[], number]> {
    const query = this.dataSource.manager
      .createQueryBuilder(ImageTemplate, 't')
      .where(
        `NOT EXISTS (SELECT 1 FROM image_templates n WHERE ${SAME_TEMPLATE} AND n.version > t.version)`,
      );
    if (institutionFilter !== null) {
      query.andWhere('(t.institution_id IS NULL OR t.institution_id = :institutionId)', {
        institutionId: institutionFilter,
      });
    }
    return query
      .orderBy('t.isBuiltin', 'DESC')
      .addOrderBy('LOWER(t.name)', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getManyAndCount();
  }

  /** A built-in, or a template of the filter's institution (null: any). */
  findVisible(
    id: string,
    institutionFilter: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ImageTemplate | null> {
    const query = manager.createQueryBuilder(ImageTemplate, 't').where('t.id = :id', { id });
    if (institutionFilter !== null) {
      query.andWhere('(t.institution_id IS NULL OR t.institution_id = :institutionId)', {
        institutionId: institutionFilter,
      });
    }
    return query.getOne();
  }

  async isBuiltInKey(key: string, manager: EntityManager): Promise<boolean> {
    return manager.exists(ImageTemplate, { where: { key, isBuiltin: true } });
  }

  async keyExists(institutionId: string, key: string, manager: EntityManager): Promise<boolean> {
    return manager.exists(ImageTemplate, { where: { key, institutionId } });
  }

  async latestVersion(institutionId: string, key: string, manager: EntityManager): Promise<number> {
    const rows: { version: number | null }[] = await manager.query(
      `SELECT max(version) AS version FROM image_templates WHERE institution_id = $1 AND key = $2`,
      [institutionId, key],
    );
    return rows[0]?.version ?? 0;
  }

  async insert(values: NewImageTemplate, manager: EntityManager): Promise<ImageTemplate> {
    const repository = manager.getRepository(ImageTemplate);
    return repository.save(repository.create(values));
  }
}
