// The parts of @devicefarmer/adbkit-apkreader (untyped CommonJS) that privlab uses.
declare module '@devicefarmer/adbkit-apkreader' {
  interface Manifest {
    package: string;
    versionCode?: number;
    versionName?: string;
    usesSdk?: { minSdkVersion?: number; targetSdkVersion?: number; maxSdkVersion?: number };
    usesPermissions: Array<{ name: string; maxSdkVersion?: number }>;
  }
  interface Reader {
    readManifest(): Promise<Manifest>;
  }
  const ApkReader: { open(file: string): Promise<Reader> };
  export default ApkReader;
}
