import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class LinkClickRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The day's salt; the first process to ask creates it, every other one reads the same. */
  async saltFor(day: string, candidate: string): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO link_visitor_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING`,
      [day, candidate],
    );
    const rows: { salt: string }[] = await this.dataSource.query(
      `SELECT salt FROM link_visitor_salts WHERE day = $1`,
      [day],
    );
    return rows[0].salt;
  }

  /**
   * Drops salts and visitor hashes of days before `keepFrom`. Without the salt a hash can no
   * longer be recomputed from an IP, and the hashes are only needed for the day's unique count.
   */
  async forgetBefore(keepFrom: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM link_visitor_salts WHERE day < $1`, [keepFrom]);
    await this.dataSource.query(`DELETE FROM link_visitors WHERE day < $1`, [keepFrom]);
  }

  /**
   * Counts one click in one statement: the visitor hash is inserted if new, and the day's row
   * gains a click and, when the hash was new, a unique visitor.
   */
  async count(linkId: string, institutionId: string, day: string, visitorHash: string) {
    await this.dataSource.query(
      `WITH new_visitor AS (
         INSERT INTO link_visitors (link_id, day, visitor_hash) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING 1)
       INSERT INTO link_clicks_daily (link_id, institution_id, day, clicks, unique_visitors)
       VALUES ($1, $4, $2, 1, (SELECT count(*)::int FROM new_visitor))
       ON CONFLICT (link_id, day) DO UPDATE
         SET clicks = link_clicks_daily.clicks + 1,
             unique_visitors = link_clicks_daily.unique_visitors + EXCLUDED.unique_visitors`,
      [linkId, day, visitorHash, institutionId],
    );
  }
}
