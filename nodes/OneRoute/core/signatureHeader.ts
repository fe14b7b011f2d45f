/** The header OneRoute signs deliveries in. */
export const ONEROUTE_SIGNATURE_HEADER = 'x-oneroute-signature';
