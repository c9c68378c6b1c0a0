using System.Runtime.CompilerServices;

// Every native signature is blittable (pointers, integers, sequential structs), so the runtime's
// marshaller is never needed; the LibraryImport generator emits the little that remains (UTF-8 strings).
[assembly: DisableRuntimeMarshalling]
