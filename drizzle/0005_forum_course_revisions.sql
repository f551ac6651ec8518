CREATE TABLE `forum_course_revisions` (
	`course_id` bigint unsigned NOT NULL,
	`revision` int NOT NULL DEFAULT 0,
	CONSTRAINT `forum_course_revisions_course_id` PRIMARY KEY(`course_id`)
);
