// Manage Dynatrace access tokens (API, personal access, PaaS, ActiveGate, tenant) as code with Pulumi.
package dynatracetokens
