# Sourced by the bench scripts: a portal from the Release build on a scratch SQLite database, and a user registered on
# it. The caller sets root (the checkout), work (a scratch folder it removes) and base (http://127.0.0.1:<port>).

# start_portal [NAME=VALUE ...]: starts the portal in the background with those extra settings (e.g.
# Notifications__MaxFailures=1000000), its log in $work/portal.log; sets portal to its pid and waits (up to 60 s)
# until it answers.
start_portal() {
  env ConnectionStrings__Sqlite="Data Source=$work/portal.db" Storage__UploadsPath="$work/uploads" Storage__KeysPath="$work/keys" \
    Analysis__ModelsPath="$root/models" ASPNETCORE_ENVIRONMENT=Production "$@" \
    dotnet "$root/src/CrowdPortal.Web/bin/Release/net10.0/CrowdPortal.Web.dll" --urls "$base" --contentRoot "$root/src/CrowdPortal.Web" \
    >"$work/portal.log" 2>&1 &
  portal=$!
  for _ in $(seq 1 120); do curl -sf "$base/Account/Login" >/dev/null && break; sleep 0.5; done
}

# token PAGE: the antiforgery token PAGE hands its scripts (for the RequestVerificationToken header of API calls).
token() { curl -s -b "$jar" -c "$jar" "$base$1" | sed -n 's/.*name="request-verification-token" content="\([^"]*\)".*/\1/p' | head -1; }

# register_user: registers bench<pid> through the form and keeps the signed-in cookies in $work/cookies ($jar).
register_user() {
  jar="$work/cookies"
  local form_token
  form_token=$(curl -s -b "$jar" -c "$jar" "$base/Account/Register" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "UserName=bench$$" --data-urlencode "Password=bench passphrase 1" \
    --data-urlencode "ConfirmPassword=bench passphrase 1" --data-urlencode "__RequestVerificationToken=$form_token" "$base/Account/Register"
}
