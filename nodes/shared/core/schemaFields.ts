import { z } from 'zod';

/** Field types the platforms' delivery schemas share. Loaded with the parsers, never when n8n starts. */
export const optionalText = z.string().nullish();

/** An id or a number the documents show both as a string and as a number */
export const idLike = z.union([z.string(), z.number()]);

export const optionalIdLike = idLike.nullish();
