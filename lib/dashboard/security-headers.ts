import { Duration } from 'aws-cdk-lib';
import {
  HeadersFrameOption,
  HeadersReferrerPolicy,
  type ResponseCustomHeader,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { DASHBOARD_CSP, SECURITY_HEADERS } from '../../bin/local/dashboard';

/**
 * HSTS, which only CloudFront sends (the local server speaks plain HTTP): two years, the
 * subdomains too, and no preload (a preload listing is a decision for a domain's owner).
 */
export const HSTS_MAX_AGE = Duration.days(730);

/**
 * The local server's Content-Security-Policy with the API's origin added to `connect-src`: on AWS
 * the page calls the API on another origin (execute-api), on the local server its own.
 */
export function dashboardCsp(apiOrigin: string): string {
  const directives = DASHBOARD_CSP.split(';').map((directive) => directive.trim());
  const connect = directives.findIndex((directive) => directive.split(/\s+/)[0] === 'connect-src');
  if (connect < 0) throw new Error(`The dashboard's CSP has no connect-src to add the API to: ${DASHBOARD_CSP}`);
  directives[connect] = `${directives[connect]} ${apiOrigin}`;
  return directives.join('; ');
}

export interface DashboardHeaders {
  readonly securityHeadersBehavior: ResponseSecurityHeadersBehavior;
  readonly customHeaders: ResponseCustomHeader[];
}

/**
 * The headers of bin/local/dashboard.ts (SECURITY_HEADERS), as a CloudFront response headers
 * policy, so that both hosts send the same ones from one list: CloudFront's own fields where it has
 * one (a header it has a field for may not be a custom header), custom headers for the rest, plus
 * HSTS. Every header overrides whatever the origin sent. A value CloudFront's field cannot express
 * fails synthesis rather than being sent differently.
 */
export function dashboardHeaders(csp: string): DashboardHeaders {
  const security: {
    -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K];
  } = {
    strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: true, preload: false, override: true },
  };
  const customHeaders: ResponseCustomHeader[] = [];
  for (const [header, value] of Object.entries(SECURITY_HEADERS)) {
    switch (header) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: csp, override: true };
        break;
      case 'x-content-type-options':
        if (value !== 'nosniff') throw unexpressible(header, value);
        security.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options':
        if (value !== 'DENY' && value !== 'SAMEORIGIN') throw unexpressible(header, value);
        security.frameOptions = { frameOption: HeadersFrameOption[value], override: true };
        break;
      case 'referrer-policy': {
        const policy = Object.values(HeadersReferrerPolicy).find((known) => known === value);
        if (!policy) throw unexpressible(header, value);
        security.referrerPolicy = { referrerPolicy: policy, override: true };
        break;
      }
      case 'strict-transport-security':
      case 'x-xss-protection':
        throw unexpressible(header, value);
      default:
        customHeaders.push({ header, value, override: true });
    }
  }
  return { securityHeadersBehavior: security, customHeaders };
}

function unexpressible(header: string, value: string): Error {
  return new Error(`bin/local/dashboard.ts sends ${header}: ${value}, which the CloudFront headers policy does not map`);
}
