using System.ComponentModel.DataAnnotations;

namespace CrowdPortal.Web.ViewModels;

public sealed class LoginViewModel
{
    [Required(ErrorMessage = "Enter your user name.")]
    [Display(Name = "User name")]
    [StringLength(64)]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [StringLength(128)]
    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class RegisterViewModel
{
    [Required(ErrorMessage = "Choose a user name.")]
    [Display(Name = "User name")]
    [StringLength(64, MinimumLength = 3, ErrorMessage = "The user name must be 3 to 64 characters long.")]
    [RegularExpression(@"^[A-Za-z0-9._@+\-]+$", ErrorMessage = "Use letters, digits and . _ @ + - only.")]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Choose a password.")]
    [DataType(DataType.Password)]
    [StringLength(128, MinimumLength = 8, ErrorMessage = "The password must be 8 to 128 characters long.")]
    public string Password { get; set; } = string.Empty;

    [Required(ErrorMessage = "Repeat the password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Repeat password")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class ChangePasswordViewModel
{
    [Required(ErrorMessage = "Enter your current password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Current password")]
    [StringLength(128)]
    public string CurrentPassword { get; set; } = string.Empty;

    [Required(ErrorMessage = "Choose a new password.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    [StringLength(128, MinimumLength = 8, ErrorMessage = "The password must be 8 to 128 characters long.")]
    public string NewPassword { get; set; } = string.Empty;

    [Required(ErrorMessage = "Repeat the new password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Repeat new password")]
    [Compare(nameof(NewPassword), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

public sealed class CreateTokenViewModel
{
    [Required(ErrorMessage = "Give the token a name.")]
    [StringLength(64, ErrorMessage = "The name can be at most 64 characters long.")]
    [Display(Name = "Token name")]
    public string Name { get; set; } = string.Empty;
}

public sealed class DeleteAccountViewModel
{
    [Required(ErrorMessage = "Enter your password to delete your account.")]
    [DataType(DataType.Password)]
    [Display(Name = "Your password")]
    [StringLength(128)]
    public string Password { get; set; } = string.Empty;
}
