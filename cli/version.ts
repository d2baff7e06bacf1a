// The package version, as the native plugin reports it too.
export { packageVersion } from "../provider/packageInfo";
