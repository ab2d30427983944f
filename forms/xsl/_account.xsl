<?xml version="1.0" encoding="UTF-8"?>
<!--
  _account.xsl: pieces the administrator's pages of units and people
  share (units.xsl, unit.xsl, people.xsl, person.xsl): the names of
  roles and of a person's state, the error summary, and the fields of a
  unit and of a person, empty for a new one or filled in, with what was
  typed and the error next to the field after a refusal. Field ids are
  a-FORM-FIELD, so the error summary links to them. Context of the
  templates: /page.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">

  <xsl:variable name="unit-kinds" select="'kindergarten school sfo health_clinic ppt child_welfare nav family_service bup police learning_centre municipal other'"/>

  <!-- A person's role, as a noun with a capital. -->
  <xsl:template name="role-name">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="$r = 'employee'"><xsl:value-of select="i:t('Employee')"/></xsl:when>
      <xsl:when test="$r = 'leader'"><xsl:value-of select="i:t('Leader')"/></xsl:when>
      <xsl:when test="$r = 'admin'"><xsl:value-of select="i:t('Administrator')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$r"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Whether a person (the context) can log in. -->
  <xsl:template name="person-state">
    <xsl:choose>
      <xsl:when test="@active = 'true'"><strong class="tag ok"><xsl:value-of select="i:t('Can log in')"/></strong></xsl:when>
      <xsl:otherwise><strong class="tag neutral"><xsl:value-of select="i:t('Deactivated')"/></strong></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The summary of the errors of a refused form, linking to each
       field. -->
  <xsl:template name="error-summary">
    <xsl:param name="title"/>
    <xsl:if test="/page/error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="$title"/></h2>
        <ul>
          <xsl:for-each select="/page/error">
            <li><a href="#a-{@form}-{@field}"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- A value to show in a field: what was typed after a refusal of
       this form, else the stored one. -->
  <xsl:template name="value">
    <xsl:param name="form"/>
    <xsl:param name="name"/>
    <xsl:param name="stored"/>
    <xsl:choose>
      <xsl:when test="/page/error[@form = $form]"><xsl:value-of select="/page/typed[@form = $form][@name = $name]"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$stored"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- An option per kind in a space-separated list. -->
  <xsl:template name="unit-kind-options">
    <xsl:param name="list" select="$unit-kinds"/>
    <xsl:param name="selected"/>
    <xsl:variable name="l" select="normalize-space($list)"/>
    <xsl:if test="$l != ''">
      <xsl:variable name="k">
        <xsl:choose>
          <xsl:when test="contains($l, ' ')"><xsl:value-of select="substring-before($l, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$l"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <option value="{$k}">
        <xsl:if test="$k = $selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:call-template name="service"><xsl:with-param name="code" select="$k"/></xsl:call-template>
      </option>
      <xsl:call-template name="unit-kind-options">
        <xsl:with-param name="list" select="substring-after($l, ' ')"/>
        <xsl:with-param name="selected" select="$selected"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A labelled select: label, hint, error and the options given. -->
  <xsl:template name="select-field">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="error" select="''"/>
    <xsl:param name="required" select="true()"/>
    <xsl:param name="options"/>
    <div>
      <xsl:attribute name="class">field<xsl:if test="$error != ''"> has-error</xsl:if></xsl:attribute>
      <label for="{$id}">
        <xsl:value-of select="$label"/>
        <xsl:if test="$required"><span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span></xsl:if>
      </label>
      <xsl:if test="$hint != ''"><div class="hint" id="{$id}-hint"><xsl:value-of select="$hint"/></div></xsl:if>
      <xsl:call-template name="choices-error">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="error" select="$error"/>
      </xsl:call-template>
      <select id="{$id}" name="{$name}">
        <xsl:variable name="described">
          <xsl:if test="$hint != ''"><xsl:value-of select="concat($id, '-hint ')"/></xsl:if>
          <xsl:if test="$error != ''"><xsl:value-of select="concat($id, '-error')"/></xsl:if>
        </xsl:variable>
        <xsl:if test="normalize-space($described) != ''"><xsl:attribute name="aria-describedby"><xsl:value-of select="normalize-space($described)"/></xsl:attribute></xsl:if>
        <xsl:if test="$required"><xsl:attribute name="aria-required">true</xsl:attribute></xsl:if>
        <xsl:if test="$error != ''"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
        <xsl:copy-of select="$options"/>
      </select>
    </div>
  </xsl:template>

  <!--
    The fields of a unit. form: "new" or "edit"; u: the unit to fill in
    from, if any. The code is asked for a new unit only: it never
    changes.
  -->
  <xsl:template name="unit-fields">
    <xsl:param name="form"/>
    <xsl:param name="u" select="/.."/>
    <xsl:variable name="e" select="/page/error[@form = $form]"/>
    <xsl:if test="$form = 'new'">
      <xsl:call-template name="field">
        <xsl:with-param name="id" select="concat('a-', $form, '-code')"/>
        <xsl:with-param name="name" select="'code'"/>
        <xsl:with-param name="label" select="i:t('Code')"/>
        <xsl:with-param name="hint" select="i:t('A short name that forms, imports and scripts use: lower-case letters a to z, digits and hyphens, for example fagerli-bhg. It cannot be changed later.')"/>
        <xsl:with-param name="required" select="true()"/>
        <xsl:with-param name="maxlength" select="'40'"/>
        <xsl:with-param name="autocomplete" select="'off'"/>
        <xsl:with-param name="value"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'code'"/></xsl:call-template></xsl:with-param>
        <xsl:with-param name="error" select="string($e[@field = 'code'])"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('a-', $form, '-name')"/>
      <xsl:with-param name="name" select="'name'"/>
      <xsl:with-param name="label" select="i:t('Name')"/>
      <xsl:with-param name="hint" select="i:t('As people know the unit, for example Fagerli barnehage. No two units have the same name.')"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="maxlength" select="'200'"/>
      <xsl:with-param name="autocomplete" select="'off'"/>
      <xsl:with-param name="value"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'name'"/><xsl:with-param name="stored" select="$u/@name"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="error" select="string($e[@field = 'name'])"/>
    </xsl:call-template>
    <xsl:variable name="kind"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'kind'"/><xsl:with-param name="stored" select="$u/@kind"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="select-field">
      <xsl:with-param name="id" select="concat('a-', $form, '-kind')"/>
      <xsl:with-param name="name" select="'kind'"/>
      <xsl:with-param name="label" select="i:t('Kind of unit')"/>
      <xsl:with-param name="hint" select="i:t('Consents name services by their kind, so the kind decides which children’s cases the unit’s people can be given access to.')"/>
      <xsl:with-param name="error" select="string($e[@field = 'kind'])"/>
      <xsl:with-param name="options">
        <xsl:if test="$form = 'new'">
          <option value=""><xsl:value-of select="i:t('Choose a kind')"/></option>
        </xsl:if>
        <xsl:call-template name="unit-kind-options">
          <xsl:with-param name="selected" select="string($kind)"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:variable name="external">
      <xsl:choose>
        <xsl:when test="$e"><xsl:value-of select="boolean(/page/typed[@form = $form][@name = 'external'])"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$u/@external = 'true'"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="field check">
      <input type="checkbox" id="a-{$form}-external" name="external" value="yes">
        <xsl:if test="$external = 'true'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <label for="a-{$form}-external"><xsl:value-of select="i:t('Outside the municipality, for example BUP or the police')"/></label>
    </div>
  </xsl:template>

  <!--
    The fields of a person. form: "new" or "edit"; p: the person to fill
    in from, if any; unit: the unit chosen beforehand (a new person from
    a unit's page).
  -->
  <xsl:template name="person-fields">
    <xsl:param name="form"/>
    <xsl:param name="p" select="/.."/>
    <xsl:param name="unit" select="''"/>
    <xsl:variable name="e" select="/page/error[@form = $form]"/>
    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('a-', $form, '-display_name')"/>
      <xsl:with-param name="name" select="'display_name'"/>
      <xsl:with-param name="label" select="i:t('Name')"/>
      <xsl:with-param name="hint" select="i:t('As colleagues and guardians will see it, for example Kari Nilsen.')"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="maxlength" select="'200'"/>
      <xsl:with-param name="autocomplete" select="'off'"/>
      <xsl:with-param name="value"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'display_name'"/><xsl:with-param name="stored" select="$p/@name"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="error" select="string($e[@field = 'display_name'])"/>
    </xsl:call-template>
    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('a-', $form, '-username')"/>
      <xsl:with-param name="name" select="'username'"/>
      <xsl:with-param name="label" select="i:t('User name')"/>
      <xsl:with-param name="hint" select="i:t('What they log in with: lower-case letters a to z, digits, dots, hyphens and underscores, for example kari.nilsen. No two people have the same user name.')"/>
      <xsl:with-param name="required" select="true()"/>
      <xsl:with-param name="maxlength" select="'64'"/>
      <xsl:with-param name="autocomplete" select="'off'"/>
      <xsl:with-param name="value"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'username'"/><xsl:with-param name="stored" select="$p/@username"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="error" select="string($e[@field = 'username'])"/>
    </xsl:call-template>

    <xsl:variable name="role"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'role'"/><xsl:with-param name="stored" select="$p/@role"/></xsl:call-template></xsl:variable>
    <xsl:variable name="rid" select="concat('a-', $form, '-role')"/>
    <xsl:variable name="rerr" select="string($e[@field = 'role'])"/>
    <fieldset>
      <xsl:attribute name="class">field choices<xsl:if test="$rerr != ''"> has-error</xsl:if></xsl:attribute>
      <xsl:if test="$rerr != ''">
        <xsl:attribute name="aria-describedby"><xsl:value-of select="$rid"/>-error</xsl:attribute>
        <xsl:attribute name="aria-invalid">true</xsl:attribute>
      </xsl:if>
      <legend>
        <xsl:value-of select="i:t('Role')"/>
        <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
      </legend>
      <xsl:call-template name="choices-error">
        <xsl:with-param name="id" select="$rid"/>
        <xsl:with-param name="error" select="$rerr"/>
      </xsl:call-template>
      <xsl:call-template name="role-choice">
        <xsl:with-param name="id" select="$rid"/>
        <xsl:with-param name="value" select="'employee'"/>
        <xsl:with-param name="checked" select="$role"/>
        <xsl:with-param name="hint" select="i:t('Writes down concerns and works in the cases they take part in.')"/>
      </xsl:call-template>
      <xsl:call-template name="role-choice">
        <xsl:with-param name="id" select="concat($rid, '-2')"/>
        <xsl:with-param name="value" select="'leader'"/>
        <xsl:with-param name="checked" select="$role"/>
        <xsl:with-param name="hint" select="i:t('As an employee, and also sees every concern and relay log of the unit and is told of new concerns.')"/>
      </xsl:call-template>
      <xsl:call-template name="role-choice">
        <xsl:with-param name="id" select="concat($rid, '-3')"/>
        <xsl:with-param name="value" select="'admin'"/>
        <xsl:with-param name="checked" select="$role"/>
        <xsl:with-param name="hint" select="i:t('Manages units, people, partners and the action guide. Sees no child’s case.')"/>
      </xsl:call-template>
    </fieldset>

    <xsl:variable name="chosen">
      <xsl:choose>
        <xsl:when test="$e"><xsl:value-of select="/page/typed[@form = $form][@name = 'unit']"/></xsl:when>
        <xsl:when test="$p"><xsl:value-of select="$p/@unit"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$unit"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="select-field">
      <xsl:with-param name="id" select="concat('a-', $form, '-unit')"/>
      <xsl:with-param name="name" select="'unit'"/>
      <xsl:with-param name="label" select="i:t('Unit')"/>
      <xsl:with-param name="hint" select="i:t('Where they work. Employees and leaders need a unit; an administrator may have none.')"/>
      <xsl:with-param name="error" select="string($e[@field = 'unit'])"/>
      <xsl:with-param name="required" select="false()"/>
      <xsl:with-param name="options">
        <option value=""><xsl:value-of select="i:t('No unit (administrators only)')"/></option>
        <xsl:for-each select="/page/units/unit">
          <option value="{@id}">
            <xsl:if test="@id = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="@name"/>
          </option>
        </xsl:for-each>
      </xsl:with-param>
    </xsl:call-template>

    <xsl:call-template name="field">
      <xsl:with-param name="id" select="concat('a-', $form, '-email')"/>
      <xsl:with-param name="name" select="'email'"/>
      <xsl:with-param name="label" select="i:t('E-mail address (optional)')"/>
      <xsl:with-param name="type" select="'email'"/>
      <xsl:with-param name="hint" select="i:t('Where Stafett tells them by e-mail that something needs their attention. Others never see it. They can change it themselves.')"/>
      <xsl:with-param name="maxlength" select="'254'"/>
      <xsl:with-param name="autocomplete" select="'off'"/>
      <xsl:with-param name="value"><xsl:call-template name="value"><xsl:with-param name="form" select="$form"/><xsl:with-param name="name" select="'email'"/><xsl:with-param name="stored" select="$p/@email"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="error" select="string($e[@field = 'email'])"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One role to choose, with what it may do. -->
  <xsl:template name="role-choice">
    <xsl:param name="id"/>
    <xsl:param name="value"/>
    <xsl:param name="checked"/>
    <xsl:param name="hint"/>
    <div class="choice">
      <input type="radio" id="{$id}" name="role" value="{$value}" aria-describedby="{$id}-hint">
        <xsl:if test="$value = $checked"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <div>
        <label for="{$id}"><xsl:call-template name="role-name"><xsl:with-param name="r" select="$value"/></xsl:call-template></label>
        <div class="hint" id="{$id}-hint"><xsl:value-of select="$hint"/></div>
      </div>
    </div>
  </xsl:template>
</xsl:stylesheet>
