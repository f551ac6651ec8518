// Column helpers shared by every table. MariaDB rejects drizzle's serial(), so ids are
// bigint unsigned auto-increment and every foreign key is bigint unsigned too.
import { bigint, datetime } from "drizzle-orm/mysql-core";
import { sql } from "drizzle-orm";

export const id = () => bigint("id", { mode: "number", unsigned: true }).autoincrement().primaryKey();
export const ref = (name: string) => bigint(name, { mode: "number", unsigned: true });
export const createdAt = () => datetime("created_at", { mode: "date", fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`);
export const updatedAt = () =>
  datetime("updated_at", { mode: "date", fsp: 3 }).notNull().default(sql`CURRENT_TIMESTAMP(3)`).$onUpdate(() => new Date());
export const at = (name: string) => datetime(name, { mode: "date", fsp: 3 });
