// The unit editor and its component editors (Text, Video, Discussion, raw OLX).
export { UnitEditor } from "./unit-editor";
