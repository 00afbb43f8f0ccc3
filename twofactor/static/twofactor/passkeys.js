// The passkey section of the two-factor overview: the name form's button starts django-otp-webauthn's
// registration (its script, otp_webauthn_register.js), and once the browser has created the passkey the form
// sends its name to twofactor.views.passkey_added.
document.addEventListener("otp_webauthn.register_complete", (event) => {
  const form = document.querySelector("[data-passkey-name-form]");
  form.elements.passkey.value = event.detail.id;
  form.submit();
});

document.addEventListener("submit", (event) => {
  const form = event.target.closest("[data-passkey-name-form]");
  if (form && !form.elements.passkey.value) {
    // Enter in the name field: register first (the completion above submits the form).
    event.preventDefault();
    document.getElementById("passkey-register-button")?.click();
  }
});
