// Every rule with its defaults; change them with `--policy-pack-config`, or write your own pack
// around dynatraceTokenPolicies() (examples/policy-pack) to set them in code.
const { PolicyPack } = require("@pulumi/policy");
const { dynatraceTokenPolicies } = require("pulumi-dynatrace-tokens/policy");

new PolicyPack("dynatrace-tokens", { policies: dynatraceTokenPolicies() });
