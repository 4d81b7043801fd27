import { z } from "zod";

// The Content-Security-Policy allows no eval (issue #14). Unless told so, zod probes `new Function`
// when it builds the first object schema, which the browser reports as a violation even though zod
// catches it. Imported first by main.tsx, so this runs before any schema module is evaluated.
z.config({ jitless: true });
