import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  type UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roleGroups } from '../../lambdas/routes';

type GroupRole = keyof typeof roleGroups;

/** A Record over the roles, so a role added to the route table without a description fails tsc. */
const groupDescriptions: Readonly<Record<GroupRole, string>> = {
  viewer: 'May read personal data',
  editor: 'May create and change records',
  admin: 'May delete records, read the audit trail and refresh the statistics',
};

export interface RegistryUserPoolProps {
  /**
   * Where the hosted sign-in page may send users back with an authorization code. Only with these
   * does the client take part in OAuth at all.
   * @default none: no OAuth flows, tokens by SRP only
   */
  readonly oAuthCallbackUrls?: readonly string[];
}

/**
 * Who may write to the registry: a Cognito user pool whose users an administrator creates, one
 * group per role in the route table (`cognito:groups` carries them into the token), and one
 * public app client for obtaining tokens.
 */
export class RegistryUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly groups: ReadonlyMap<GroupRole, UserPoolGroup>;

  constructor(scope: Construct, id: string, props: RegistryUserPoolProps = {}) {
    super(scope, id);
    const callbackUrls = props.oAuthCallbackUrls ?? [];

    this.userPool = new UserPool(this, 'UserPool', {
      // Editors and admins can read and change personal data: nobody enrols themselves.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 5,
        tempPasswordValidity: Duration.days(3),
      },
      // TOTP only: SMS would need an SNS role and spending limits, and is the weaker factor.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus tier with enforced threat protection blocks sign-ins with leaked credentials and
      // risky sign-ins. Its per-user price is negligible for a few dozen editors, and those few
      // accounts are exactly the ones worth attacking.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('ApiClient', {
      // Public client (CLI, browser): a secret could not be kept secret there.
      generateSecret: false,
      // SRP only (CDK adds ALLOW_REFRESH_TOKEN_AUTH): the password never travels, not even over
      // TLS, and there is no password, admin or custom flow to guess against.
      authFlows: { userSrp: true },
      // Without callback URLs, CDK's default would be the implicit and code flows back to
      // https://example.com.
      ...(callbackUrls.length
        ? { oAuth: { flows: { authorizationCodeGrant: true }, scopes: [OAuthScope.OPENID], callbackUrls: [...callbackUrls] } }
        : { disableOAuth: true }),
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      enableTokenRevocation: true,
    });

    this.groups = new Map(
      (Object.keys(roleGroups) as GroupRole[]).map((role) => [
        role,
        this.userPool.addGroup(`${role}Group`, {
          groupName: roleGroups[role],
          description: groupDescriptions[role],
        }),
      ]),
    );
  }
}
