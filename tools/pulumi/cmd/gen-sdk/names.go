package main

import (
	"encoding/json"
	"regexp"
	"strings"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
)

// The schema's descriptions are written once, with the names a TypeScript or YAML program uses
// (`expirationDate`, `retainOnDelete`, `null`). Pulumi's generators rename the properties and
// functions themselves but copy descriptions as they are, so a Python docstring would tell its
// reader to set `expirationDate` on a class whose argument is `expiration_date`. Before a language's
// SDK is generated, each code span that names one of the package's properties or functions, a
// resource option or a literal is rewritten to that language's spelling.

// codeSpan is a Markdown code span holding one identifier; quoted values (`"now+90d"`) never match.
var codeSpan = regexp.MustCompile("`([A-Za-z][A-Za-z0-9]*)`")

// languageNames says how one language spells a name of the schema.
type languageNames struct {
	member   func(name string) string // properties and functions
	literals map[string]string        // `null`, `true`, `false`
}

var pythonNames = languageNames{
	member:   python.PyName,
	literals: map[string]string{"null": "None", "true": "True", "false": "False"},
}

var goNames = languageNames{
	member:   gogen.Title,
	literals: map[string]string{"null": "nil"},
}

// resourceOptions are the resource options the descriptions mention; each language's SDK spells
// them like a member (Python `retain_on_delete`, Go `pulumi.RetainOnDelete`, named by its title).
var resourceOptions = []string{"retainOnDelete", "deleteBeforeReplace", "ignoreChanges", "replaceOnChanges", "protect"}

// withLanguageNames returns the schema in raw with every description's names in the language's
// spelling. `id` stays: every language calls a resource's id that.
func withLanguageNames(raw []byte, names languageNames) ([]byte, error) {
	var spec map[string]any
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, err
	}
	members := map[string]bool{}
	collectMembers(spec, members)
	for _, option := range resourceOptions {
		members[option] = true
	}
	delete(members, "id")
	rewrite := func(text string) string {
		return codeSpan.ReplaceAllStringFunc(text, func(span string) string {
			name := strings.Trim(span, "`")
			if literal, ok := names.literals[name]; ok {
				return "`" + literal + "`"
			}
			if members[name] {
				return "`" + names.member(name) + "`"
			}
			return span
		})
	}
	rewriteDescriptions(spec, rewrite)
	return json.Marshal(spec)
}

// collectMembers adds the names of every property (resources, types, functions, config, provider)
// and every function of the schema to members.
func collectMembers(node any, members map[string]bool) {
	switch value := node.(type) {
	case map[string]any:
		for _, key := range []string{"properties", "inputProperties", "variables"} {
			if properties, ok := value[key].(map[string]any); ok {
				for name := range properties {
					members[name] = true
				}
			}
		}
		if functions, ok := value["functions"].(map[string]any); ok {
			for token := range functions {
				members[token[strings.LastIndex(token, ":")+1:]] = true
			}
		}
		for _, child := range value {
			collectMembers(child, members)
		}
	case []any:
		for _, child := range value {
			collectMembers(child, members)
		}
	}
}

// rewriteDescriptions applies rewrite to every "description" string in the schema.
func rewriteDescriptions(node any, rewrite func(string) string) {
	switch value := node.(type) {
	case map[string]any:
		for key, child := range value {
			if text, ok := child.(string); ok && key == "description" {
				value[key] = rewrite(text)
				continue
			}
			rewriteDescriptions(child, rewrite)
		}
	case []any:
		for _, child := range value {
			rewriteDescriptions(child, rewrite)
		}
	}
}
