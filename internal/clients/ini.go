package clients

import (
	"bufio"
	"bytes"
	"strings"

	"github.com/pkg/errors"
)

// Keys of an AWS shared-credentials file.
const (
	iniKeyAccessKeyID     = "aws_access_key_id"
	iniKeySecretAccessKey = "aws_secret_access_key"
	iniKeySessionToken    = "aws_session_token"
)

// DefaultProfile is the profile of a shared-credentials file used when a
// ProviderConfig names none.
const DefaultProfile = "default"

// StaticCredentials are the keys of one profile of a shared-credentials file.
type StaticCredentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
}

// ParseCredentialsINI returns the credentials of profile (DefaultProfile
// when empty) from an AWS shared-credentials file as written by `aws
// configure`. It accepts [name] and [profile name] section headers, full
// line comments starting with ; or #, blank lines, spaces around keys,
// values and names, and CRLF line endings. When a profile appears more than
// once its keys are merged, later ones winning. Errors never contain values
// of the file, only line numbers, profile and key names.
func ParseCredentialsINI(data []byte, profile string) (StaticCredentials, error) {
	if profile == "" {
		profile = DefaultProfile
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // UTF-8 BOM

	var (
		creds   StaticCredentials
		found   bool
		section string
		inside  bool
		lineNo  int
	)
	s := bufio.NewScanner(bytes.NewReader(data))
	s.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for s.Scan() {
		lineNo++
		line := strings.TrimSpace(s.Text())
		if line == "" || line[0] == ';' || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			end := strings.IndexByte(line, ']')
			if end < 0 {
				return StaticCredentials{}, errors.Errorf("line %d: section header has no closing ]", lineNo)
			}
			if rest := strings.TrimSpace(line[end+1:]); rest != "" && rest[0] != ';' && rest[0] != '#' {
				return StaticCredentials{}, errors.Errorf("line %d: unexpected text after section header", lineNo)
			}
			section = sectionProfile(line[1:end])
			inside = section == profile
			found = found || inside
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return StaticCredentials{}, errors.Errorf("line %d: expected a [profile] header or a key = value line", lineNo)
		}
		if section == "" {
			// Keys before the first header belong to no profile.
			continue
		}
		if !inside {
			continue
		}
		v = strings.TrimSpace(v)
		switch strings.ToLower(strings.TrimSpace(k)) {
		case iniKeyAccessKeyID:
			creds.AccessKeyID = v
		case iniKeySecretAccessKey:
			creds.SecretAccessKey = v
		case iniKeySessionToken:
			creds.SessionToken = v
		}
	}
	if err := s.Err(); err != nil {
		return StaticCredentials{}, errors.Wrapf(err, "line %d", lineNo+1)
	}
	if !found {
		return StaticCredentials{}, errors.Errorf("profile %q not found", profile)
	}
	var missing []string
	if creds.AccessKeyID == "" {
		missing = append(missing, iniKeyAccessKeyID)
	}
	if creds.SecretAccessKey == "" {
		missing = append(missing, iniKeySecretAccessKey)
	}
	if len(missing) > 0 {
		return StaticCredentials{}, errors.Errorf("profile %q has no %s", profile, strings.Join(missing, " or "))
	}
	return creds, nil
}

// sectionProfile returns the profile name of a section header's inner text:
// "default", " profile  dev " and "dev" give "default", "dev" and "dev".
func sectionProfile(inner string) string {
	inner = strings.TrimSpace(inner)
	if name, ok := strings.CutPrefix(inner, "profile"); ok && name != strings.TrimLeft(name, " \t") {
		return strings.TrimSpace(name)
	}
	return inner
}
