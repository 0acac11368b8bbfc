/** Credentials the sandbox accepts unless told otherwise. Not secrets: they only open the sandbox. */
export const SANDBOX_RTR_API_KEY = 'sandbox-rtr-key';
export const SANDBOX_HOSTWAY_AUTHORIZATION = 'Bearer sandbox-hostway-token';
