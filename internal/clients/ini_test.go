package clients

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pkg/errors"

	"github.com/crossplane/crossplane-runtime/v2/pkg/test"
)

func TestParseCredentialsINI(t *testing.T) {
	type args struct {
		data    string
		profile string
	}
	type want struct {
		creds StaticCredentials
		err   error
	}
	cases := map[string]struct {
		reason string
		args   args
		want   want
	}{
		"DefaultProfile": {
			reason: "An empty profile selects [default].",
			args: args{data: `[default]
aws_access_key_id = AKID
aws_secret_access_key = SECRET
`},
			want: want{creds: StaticCredentials{AccessKeyID: "AKID", SecretAccessKey: "SECRET"}},
		},
		"NamedProfilesAndSessionToken": {
			reason: "The named profile is selected among several, with its session token.",
			args: args{profile: "dev", data: `[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = SECRETDEFAULT

[dev]
aws_access_key_id = AKIDDEV
aws_secret_access_key = SECRETDEV
aws_session_token = TOKENDEV
`},
			want: want{creds: StaticCredentials{AccessKeyID: "AKIDDEV", SecretAccessKey: "SECRETDEV", SessionToken: "TOKENDEV"}},
		},
		"ProfilePrefixedHeader": {
			reason: "A [profile x] header, as in the shared config file, names profile x.",
			args: args{profile: "prod", data: `[profile   prod ]
aws_access_key_id=AKIDPROD
aws_secret_access_key=SECRETPROD
`},
			want: want{creds: StaticCredentials{AccessKeyID: "AKIDPROD", SecretAccessKey: "SECRETPROD"}},
		},
		"CommentsSpacesCRLFAndBOM": {
			reason: "Comments starting with ; or #, blank lines, indentation, tabs, upper case keys, CRLF and a BOM are tolerated.",
			args:   args{data: "\xef\xbb\xbf# written by aws configure\r\n; another comment\r\n\r\n  [ default ]  # trailing comment\r\n\t# comment\r\n  AWS_ACCESS_KEY_ID\t=\tAKID  \r\n  aws_secret_access_key =  SEC/RET+with=equals#hash \r\nregion = eu-west-1\r\n"},
			want:   want{creds: StaticCredentials{AccessKeyID: "AKID", SecretAccessKey: "SEC/RET+with=equals#hash"}},
		},
		"MergedDuplicateProfile": {
			reason: "A profile that appears twice is merged, later keys winning.",
			args: args{data: `[default]
aws_access_key_id = OLD
[other]
aws_access_key_id = OTHER
[default]
aws_access_key_id = NEW
aws_secret_access_key = SECRET
`},
			want: want{creds: StaticCredentials{AccessKeyID: "NEW", SecretAccessKey: "SECRET"}},
		},
		"KeysBeforeAnyHeaderIgnored": {
			reason: "Keys before the first header belong to no profile.",
			args: args{data: `aws_access_key_id = STRAY
[default]
aws_secret_access_key = SECRET
`},
			want: want{err: errors.Errorf(`profile "default" has no aws_access_key_id`)},
		},
		"ProfileNotFound": {
			reason: "A missing profile is an error naming it.",
			args:   args{profile: "missing", data: string(testCredentialsINI)},
			want:   want{err: errors.Errorf(`profile "missing" not found`)},
		},
		"MissingKeys": {
			reason: "A profile without keys is an error naming the missing keys.",
			args:   args{data: "[default]\nregion = us-east-1\n"},
			want:   want{err: errors.Errorf(`profile "default" has no aws_access_key_id or aws_secret_access_key`)},
		},
		"MissingSecretKey": {
			reason: "A profile without a secret key is an error naming it.",
			args:   args{data: "[default]\naws_access_key_id = AKID\n"},
			want:   want{err: errors.Errorf(`profile "default" has no aws_secret_access_key`)},
		},
		"MalformedLine": {
			reason: "A line that is neither a header nor key = value is an error giving its number, not its text.",
			args:   args{data: "[default]\nAKIDSECRETVALUE\n"},
			want:   want{err: errors.Errorf("line 2: expected a [profile] header or a key = value line")},
		},
		"UnclosedHeader": {
			reason: "An unclosed header is an error.",
			args:   args{data: "[default\n"},
			want:   want{err: errors.Errorf("line 1: section header has no closing ]")},
		},
		"Empty": {
			reason: "An empty file has no profile.",
			args:   args{data: ""},
			want:   want{err: errors.Errorf(`profile "default" not found`)},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			got, err := ParseCredentialsINI([]byte(tc.args.data), tc.args.profile)
			if diff := cmp.Diff(tc.want.err, err, test.EquateErrors()); diff != "" {
				t.Errorf("\n%s\nParseCredentialsINI(...): -want error, +got error:\n%s", tc.reason, diff)
			}
			if diff := cmp.Diff(tc.want.creds, got); diff != "" {
				t.Errorf("\n%s\nParseCredentialsINI(...): -want, +got:\n%s", tc.reason, diff)
			}
			if err != nil {
				for _, v := range []string{"SECRET", "AKID", "STRAY", "TOKEN"} {
					if strings.Contains(err.Error(), v) {
						t.Errorf("\n%s\nParseCredentialsINI(...): error %q contains a value of the file", tc.reason, err)
					}
				}
			}
		})
	}
}

func TestSectionProfile(t *testing.T) {
	cases := map[string]struct {
		reason string
		inner  string
		want   string
	}{
		"Plain":          {reason: "A bare name is the profile.", inner: "dev", want: "dev"},
		"Spaces":         {reason: "Spaces around the name are ignored.", inner: "  dev ", want: "dev"},
		"ProfilePrefix":  {reason: "The profile prefix is dropped.", inner: "profile dev", want: "dev"},
		"ProfileTab":     {reason: "The profile prefix may be followed by a tab.", inner: "profile\tdev", want: "dev"},
		"ProfileNamePre": {reason: "A name that merely starts with profile is kept.", inner: "profiledev", want: "profiledev"},
		"JustProfile":    {reason: "A section named profile is the profile named profile.", inner: "profile", want: "profile"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, sectionProfile(tc.inner)); diff != "" {
				t.Errorf("\n%s\nsectionProfile(%q): -want, +got:\n%s", tc.reason, tc.inner, diff)
			}
		})
	}
}
