export * from "./accounts";
export * from "./courses";
export * from "./learners";
export * from "./forum";
