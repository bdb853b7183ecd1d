import type { Db } from '../store/database.js';
import type { CategoryKey } from './taxonomy.js';

/** How many documents (not archived) a person has in each category; categories with none are absent. */
export function countByCategory(db: Db, patientId: number): Map<CategoryKey, number> {
  const rows = db
    .prepare('SELECT category, count(*) AS n FROM document WHERE patient_id = ? AND archived = 0 GROUP BY category')
    .all(patientId) as { category: CategoryKey; n: number }[];
  return new Map(rows.map((r) => [r.category, r.n]));
}
