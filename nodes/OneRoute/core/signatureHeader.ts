/** The header OneRoute signs deliveries in (without zod: the node needs it when n8n starts). */
export const ONEROUTE_SIGNATURE_HEADER = 'x-oneroute-signature';
