import type { TestApp } from '../support/app';

/** A draft post to link notifications to; it has no targets, so no dispatcher run picks it up. */
export async function draftPost(
  t: TestApp,
  institutionId: string,
  userId: string,
): Promise<string> {
  const [post]: { id: string }[] = await t.dataSource.query(
    `INSERT INTO posts (institution_id, title, status, drafted_by, last_edited_by)
     VALUES ($1, 'Kemeja batik', 'draft', $2, $2) RETURNING id`,
    [institutionId, userId],
  );
  return post.id;
}
